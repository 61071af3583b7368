// Bundles the CLI (with the core and the headless host) for plain Node, and the core's
// worker threads beside it. npm packages
// stay external, so better-sqlite3 loads its own native build.
import { build } from 'esbuild';

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
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
