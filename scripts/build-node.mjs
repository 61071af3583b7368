// Bundles the CLI (with the core and the headless host) for plain Node, and the core's
// worker threads beside it. npm packages are bundled too: resolving and wrapping ~300
// CommonJS files one by one cost a fifth of the headless cold start (bench/startup.ts).
// better-sqlite3 stays external so it loads its own native build; a `require` made from
// the bundle's own URL serves the CommonJS code inside it (and optional peers like ws's
// bufferutil, which are looked up and not found, as before).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

// zod's namespace (`import { z } from 'zod'`) re-exports all ~45 of its message locales, and a
// namespace object cannot be tree-shaken: 366 KB of the 3.9 MB every `serve` parses at start-up.
// The studio speaks to zod in English only (its own i18n words the UI), so the bundle gets the
// English locale under that name and nothing else.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    const en = createRequire(import.meta.url).resolve('zod/v4/locales/en.js');
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-en' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-en' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(en)};`,
      loader: 'js',
      resolveDir: '.',
    }));
  },
};

// Chunk names carry a content hash: without a clean folder, every build would leave the last one's behind.
rmSync('out/cli', { recursive: true, force: true });

// What every bundle shares: Node 20, npm packages inside, better-sqlite3 loading its own native
// build, and the start-up trims below.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'electron'],
  sourcemap: true,
  // Start-up parses every byte of the serve path (bench/startup.ts): whitespace and comments
  // gone, and only ASCII left (a single non-ASCII byte makes Node decode the whole file to a
  // two-byte string); names are kept, so stack traces read as before, and the source maps map back.
  minifyWhitespace: true,
  minifySyntax: true,
  charset: 'ascii',
  // Licence comments go to a file beside each chunk instead of into the parsed code.
  legalComments: 'external',
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { index: 'src/cli/index.ts', 'request-log-writer': 'src/core/api/request-log-writer.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  // One chunk per command (src/cli/commands/registry.ts): a command loads only what it needs.
  splitting: true,
  // Chunks sit beside the entries: the request log loads its writer by a URL relative to its own file.
  chunkNames: '[name]-[hash]',
  format: 'esm',
  banner: {
    js: "import { createRequire as __studioRequire } from 'node:module'; const require = __studioRequire(import.meta.url);",
  },
});

// `serve`'s headless studio as one CommonJS file beside the CLI, so that it loads with V8's code
// cache (src/cli/code-cache.ts; Node 20 caches no ES module). `import.meta.url` is its own URL,
// as in the ES build: the request log's writer and the UI folder are found from there.
await build({
  ...common,
  entryPoints: { core: 'src/headless/serve.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { 'import.meta.url': '__studioUrl' },
  banner: { js: "const __studioUrl = require('node:url').pathToFileURL(__filename).href;" },
});

// A first start writes the code cache; made here, the user's first start finds it.
await primeCodeCache();

async function primeCodeCache() {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-build-'));
  const child = spawn(process.execPath, ['out/cli/index.mjs', 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.on('exit', r));
  try {
    for (let waited = 0; waited < 15_000 && child.exitCode === null; waited += 100) {
      if (existsSync('out/cli/core.cjs.v8cache')) return;
      await sleep(100);
    }
    console.warn(`build-node: no code cache written; \`serve\` starts without one\n${stderr.trim()}`);
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
