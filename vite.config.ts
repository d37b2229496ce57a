import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Static site: relative base so dist/ works from any path (and file-less preview).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
  worker: { format: 'es' },
});
