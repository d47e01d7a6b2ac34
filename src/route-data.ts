/**
 * Starlight route middleware (astro.config.mjs, `routeMiddleware`): a page with no counterpart in
 * the other language lists no language alternates in its head, which would point to pages that
 * do not exist (src/lib/single-language.ts); "page not found", served at any missing address,
 * names no canonical address of its own either.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { isNotFoundPage, isSingleLanguagePage } from './lib/single-language.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const path = context.url.pathname;
  if (!isSingleLanguagePage(path)) return;
  const route = context.locals.starlightRoute;
  route.head = route.head.filter(({ tag, attrs }) => !(tag === 'link' && attrs?.rel === 'alternate')
    && !(isNotFoundPage(path) && ((tag === 'link' && attrs?.rel === 'canonical') || (tag === 'meta' && attrs?.property === 'og:url'))));
});
