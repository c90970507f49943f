import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// `pnpm dev`: Vite serves the SPA with hot reload and forwards API paths to the API on port 3000.
const api = process.env.API_URL ?? 'http://localhost:3000';
const proxy = { target: api, changeOrigin: true, headers: { origin: api } };

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip copies of every script and stylesheet, written once at build time; the server picks
    // the one the browser accepts (apps/api/src/spa.ts) instead of compressing on each request.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|mjs|css|svg|json)$/, threshold: 1024 }),
  ],
  server: {
    port: 5173,
    proxy: { '/api': proxy, '/trpc': proxy, '/storage': proxy },
  },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // Libraries change less often than the app: one vendor chunk stays cached across releases.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } } },
  },
});
