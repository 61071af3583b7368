import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The request log's writer thread is loaded by URL from beside the entry, as `.mjs`.
        input: {
          index: resolve('src/main/index.ts'),
          'request-log-writer': resolve('src/core/api/request-log-writer.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'request-log-writer' ? '[name].mjs' : '[name].js') },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules: CommonJS it is.
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: { index: resolve('src/renderer/index.html') } } },
  },
});
