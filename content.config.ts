import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

// Starlight reads the chapters from content/docs/ (the source root is the project root).
export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
};
