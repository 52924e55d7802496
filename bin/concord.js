#!/usr/bin/env -S node --max-semi-space-size=4
// Entry point of `npx concord`. npx and npm scripts put the pinned Node.js 26 (the `node`
// devDependency) first on PATH; anything older cannot strip TypeScript types.
// --max-semi-space-size=4: V8's young generation grows to 32 MiB per semi-space pair on the
// thread that reads and stores an import; 4 MiB semi-spaces keep a 1 GB import ~50 MiB smaller
// (bench/RESULTS.md, session 5) for no measurable time. It must be given at start: V8 sizes the
// heap when the process starts, so setting it from code does nothing.
const major = Number(process.versions.node.split('.')[0]);
if (major < 26) {
  console.error(`concord needs Node.js 26 or later, this is ${process.version}: run it as "npx concord" or through npm scripts`);
  process.exit(1);
}
await import('../src/cli/main.ts');
