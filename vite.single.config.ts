import { defineConfig, mergeConfig } from 'vite';
import base from './vite.config.ts';
import { singleFile } from './scripts/single-file.ts';

// npm run build:single: the whole app in dist-single/hdm-atlas.html (see scripts/single-file.ts). One chunk (the
// lazy import panel included), one stylesheet, no modulepreload polyfill, nothing copied from public/.
export default mergeConfig(
  base,
  defineConfig({
    publicDir: false,
    build: {
      outDir: 'dist-single',
      emptyOutDir: true,
      modulePreload: false,
      cssCodeSplit: false,
      assetsInlineLimit: () => true,
      rolldownOptions: { output: { codeSplitting: false } },
    },
    plugins: [singleFile({ fileName: 'hdm-atlas.html', favicon: 'public/favicon.svg' })],
  }),
);
