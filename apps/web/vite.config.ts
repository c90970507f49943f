import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev`: Vite serves the SPA with hot reload and forwards API paths to the API on port 3000.
const api = process.env.API_URL ?? 'http://localhost:3000';
const proxy = { target: api, changeOrigin: true, headers: { origin: api } };

export default defineConfig({
  plugins: [react()],
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
