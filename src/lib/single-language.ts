/**
 * Pages with no counterpart in the other language: the widgets' development pages
 * (pages/lab/…, served at /lab/…) and "page not found" (pages/404.astro), which says it in both
 * languages at once. They offer no language switch and list no language alternates, which would
 * lead to pages that do not exist; the lab pages also stay out of the sitemap (astro.config.mjs).
 */

/** The path below the site's base path, from its leading slash: `/lenet5/lab/rbf/` → `/lab/rbf/`. */
function sitePath(pathname: string, base: string): string {
  return pathname.slice(base.replace(/\/?$/, '/').length - 1);
}

export function isNotFoundPage(pathname: string, base: string = import.meta.env.BASE_URL): boolean {
  return /^\/404(\.html|\/)?$/.test(sitePath(pathname, base));
}

export function isSingleLanguagePage(pathname: string, base: string = import.meta.env.BASE_URL): boolean {
  return sitePath(pathname, base).startsWith('/lab/') || isNotFoundPage(pathname, base);
}
