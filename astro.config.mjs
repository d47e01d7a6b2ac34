// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// Chapters live in the top-level content/ folder (content/docs/… for Starlight), so the source
// root is the project root; components and site glue live in src/.
export default defineConfig({
  srcDir: '.',
  site: 'https://lenet5.example.org',
  // Static files only: the site can be copied to any web server or opened from a folder served locally.
  output: 'static',
  trailingSlash: 'always',
  // Caches stay inside the checkout (not node_modules), so several checkouts can share one node_modules.
  cacheDir: './.astro/cache',
  // KaTeX only runs through the unified (remark/rehype) Markdown processor.
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
  integrations: [
    starlight({
      title: { en: 'LeNet-5, layer by layer', 'zh-CN': '逐层理解 LeNet-5' },
      description: 'An interactive, bilingual walk through LeCun et al.’s 1998 LeNet-5, computed by a faithful TypeScript engine.',
      favicon: '/favicon.svg',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        'zh-cn': { label: '简体中文', lang: 'zh-CN' },
      },
      customCss: ['katex/dist/katex.min.css', './src/styles/site.css'],
      sidebar: [
        { label: 'Chapters', translations: { 'zh-CN': '章节' }, items: [{ autogenerate: { directory: 'chapters' } }] },
      ],
      lastUpdated: false,
      pagination: true,
    }),
    mdx(),
  ],
});
