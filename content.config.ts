import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

// Starlight reads the chapters from content/docs/ (the source root is the project root), and
// its own interface words, where we change them, from content/i18n/ — e.g. Starlight's Chinese
// label for a heading's link, which it leaves in English.
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
