#!/usr/bin/env node
// The `lenet` command. Its code is TypeScript, which Node runs directly from version 22.18 on;
// `npx lenet` and `npm run lenet` use the Node 24 that the `node` devDependency installs.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`lenet needs Node 22.18 or newer to run TypeScript; this is Node ${process.versions.node}.\n` +
    'Run it as `npx lenet …` or `npm run lenet -- …` inside the project, which use the Node 24 from node_modules.');
  process.exit(2);
}
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
