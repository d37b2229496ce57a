import { defineConfig } from 'vite';

// scripts/bench.mjs builds the browser half of the parser benchmark with this: one ES module, bench/.out/parser.js.
export default defineConfig({
  configFile: false,
  logLevel: 'error',
  build: {
    target: 'es2022',
    outDir: 'bench/.out',
    emptyOutDir: true,
    lib: { entry: 'bench/browser-parser.ts', formats: ['es'], fileName: () => 'parser.js' },
  },
});
