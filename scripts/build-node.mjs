// Bundles the CLI (with the core and the headless host) for plain Node, and the core's
// worker threads beside it. npm packages are bundled too: resolving and wrapping ~300
// CommonJS files one by one cost a fifth of the headless cold start (bench/startup.ts).
// better-sqlite3 stays external so it loads its own native build; a `require` made from
// the bundle's own URL serves the CommonJS code inside it (and optional peers like ws's
// bufferutil, which are looked up and not found, as before).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: without a clean folder, every build would leave the last one's behind.
rmSync('out/cli', { recursive: true, force: true });

await build({
  // The request log's writer thread is loaded by URL from beside the entry.
  entryPoints: { index: 'src/cli/index.ts', 'request-log-writer': 'src/core/api/request-log-writer.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // One chunk per command (src/cli/commands/registry.ts): a command loads only what it needs.
  splitting: true,
  // Chunks sit beside the entries: the request log loads its writer by a URL relative to its own file.
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'electron'],
  banner: {
    js: "import { createRequire as __studioRequire } from 'node:module'; const require = __studioRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});
