#!/usr/bin/env node
// Entry point of `npx concord`. npx and npm scripts put the pinned Node.js 26 (the `node`
// devDependency) first on PATH; anything older cannot strip TypeScript types.
const major = Number(process.versions.node.split('.')[0]);
if (major < 26) {
  console.error(`concord needs Node.js 26 or later, this is ${process.version}: run it as "npx concord" or through npm scripts`);
  process.exit(1);
}
await import('../src/cli/main.ts');
