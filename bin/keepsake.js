#!/usr/bin/env node
// The `keepsake` command. Runs the TypeScript sources directly (Node >= 22.18 strips types), so
// `npx keepsake` works right after install with no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`keepsake: needs Node >= 22.18 (this is ${process.version}); run it as "npx keepsake" from the project folder`);
  process.exit(1);
}
// Compiled (and type-stripped) code is cached on disk between runs; the hashing workers share it.
(await import('node:module')).enableCompileCache?.();
await import('../src-main/cli/main.ts');
