import { defineConfig } from 'vite';

// npm run build:cli (run by prepack): the command line as one plain-JavaScript ES module for Node,
// dist-cli/hdm-atlas.js, with everything it imports bundled in (the model, zod/mini), so the packed tarball has no
// runtime dependencies. Node built-ins stay imports. Not minified: a stack trace from a user should be readable.
export default defineConfig({
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'src/cli/bin.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    rolldownOptions: { output: { entryFileNames: 'hdm-atlas.js', format: 'es', codeSplitting: false } },
  },
});
