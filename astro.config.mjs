// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { readFileSync } from 'node:fs';
import { isSingleLanguagePage } from './src/lib/single-language.ts';

// Where the site will live, as settings (README, "Deploy"): BASE is the path it is served under
// (`/lenet5/` for https://example.github.io/lenet5/; `/` by default) and SITE the origin
// (`https://example.github.io`). Without SITE the pages name no domain at all: no canonical link,
// og:url, language alternates or sitemap, rather than a made-up one.
const base = process.env.BASE || '/';
const site = process.env.SITE || undefined;

const locales = { root: { label: 'English', lang: 'en' }, 'zh-cn': { label: '简体中文', lang: 'zh-CN' } };

/**
 * The sitemap lists the chapters in both languages, not the widgets' development pages (/lab/),
 * which have no Chinese counterpart (src/lib/single-language.ts). Starlight adds
 * @astrojs/sitemap itself unless an integration of that name is present; without a site URL
 * there can be no sitemap (its URLs are absolute), so an empty integration of that name stands
 * in, instead of one that would only log that it skips.
 * @returns {import('astro').AstroIntegration}
 */
function siteMap() {
  if (!site) return { name: '@astrojs/sitemap', hooks: {} };
  return sitemap({
    filter: (page) => !isSingleLanguagePage(new URL(page).pathname, base),
    i18n: { defaultLocale: 'root', locales: Object.fromEntries(Object.entries(locales).map(([key, l]) => [key, l.lang])) },
  });
}

/**
 * Astro 7.3 marks each content module it loads for head propagation with a module-level
 * "use astro:head-inject" directive that nothing reads any more (propagation follows the
 * `?astroPropagatedAssets` query; withastro/astro#18087), and the bundler warns once per chapter
 * that it may not preserve it. The directive goes before bundling, and with it the 24 warnings.
 * @returns {import('vite').Plugin}
 */
function dropUnreadHeadInjectDirective() {
  return {
    name: 'lenet5:drop-unread-head-inject-directive',
    enforce: 'post',
    transform: {
      filter: { id: /[?&]astroPropagatedAssets/ },
      handler: (code) => ({ code: code.replace(/^\s*"use astro:head-inject";/m, ''), map: null }),
    },
  };
}

/**
 * KaTeX's stylesheet offers each of its 20 fonts as WOFF2, WOFF and TrueType; a browser takes the
 * first format it reads, and every browser that runs this site's WebAssembly SIMD reads WOFF2. The
 * other two are dropped from the stylesheet, so the build does not copy them: 0.8 MB less to deploy.
 * @returns {import('vite').Plugin}
 */
function katexWoff2Only() {
  return {
    name: 'lenet5:katex-woff2-only',
    enforce: 'pre', // before Vite turns the stylesheet's url()s into files to copy
    transform: {
      filter: { id: /katex\/dist\/katex(\.min)?\.css(\?.*)?$/ },
      handler: (code) => ({ code: code.replace(/,url\([^)]*\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, ''), map: null }),
    },
  };
}

// Chapters live in the top-level content/ folder (content/docs/… for Starlight), so the source
// root is the project root; components and site glue live in src/.
export default defineConfig({
  srcDir: '.',
  site,
  base,
  // Static files only: the site can be copied to any web server or opened from a folder served locally.
  output: 'static',
  trailingSlash: 'always',
  // Caches stay inside the checkout (not node_modules), so several checkouts can share one node_modules.
  cacheDir: './.astro/cache',
  // KaTeX only runs through the unified (remark/rehype) Markdown processor.
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
  vite: { plugins: [dropUnreadHeadInjectDirective(), katexWoff2Only()] },
  integrations: [
    starlight({
      title: { en: 'LeNet-5, layer by layer', 'zh-CN': '逐层理解 LeNet-5' },
      description: 'An interactive, bilingual walk through LeCun et al.’s 1998 LeNet-5, computed by a faithful TypeScript engine.',
      favicon: '/favicon.svg',
      defaultLocale: 'root',
      locales,
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      // With JavaScript off, the widgets' controls are hidden (src/styles/noscript.css).
      head: [{ tag: 'noscript', content: `<style>${readFileSync('./src/styles/noscript.css', 'utf8')}</style>` }],
      sidebar: [
        { label: 'Chapters', translations: { 'zh-CN': '章节' }, items: [{ autogenerate: { directory: 'chapters' } }] },
      ],
      components: {
        // Pages with no counterpart in the other language (the lab pages, "page not found") offer
        // no language menu and list no alternates (src/lib/single-language.ts).
        LanguageSelect: './src/components/LanguageSelect.astro',
        // Pages with widgets say, when JavaScript is off, that the widgets need it.
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
      routeMiddleware: './src/route-data.ts',
      disable404Route: true,
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
    siteMap(),
  ],
});
