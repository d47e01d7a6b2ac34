/** Serves the built site on 127.0.0.1 for the browser tests and stops the server afterwards. */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` before the browser tests.');
  const server = await serve('dist', 0);
  project.provide('baseUrl', server.url);
  return () => server.close();
}
