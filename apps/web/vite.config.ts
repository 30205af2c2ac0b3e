import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app is served by apps/server from apps/web/dist in production; in development Vite
 * proxies /api to the server so the session cookie stays same-origin.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is ~400 kB minified even with only the line chart registered; it is lazy-loaded.
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  preview: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
