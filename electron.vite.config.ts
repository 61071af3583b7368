import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The worker threads (the request log's writer, the store's checkpointer) are loaded by URL
        // from beside the entry, as `.mjs`.
        input: {
          index: resolve('src/main/index.ts'),
          'request-log-writer': resolve('src/core/api/request-log-writer.ts'),
          'checkpointer-thread': resolve('src/core/store/checkpointer-thread.ts'),
        },
        output: { entryFileNames: (chunk) => (chunk.name === 'index' ? '[name].js' : '[name].mjs') },
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
