import { defineConfig } from 'vitest/config';

// The Gladi server that `npm run dev` starts beside Vite (PORT, default 3000).
const api = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

// One config for the client build (Vite 8 / rolldown) and the three test projects (Vitest 4.1).
export default defineConfig({
  root: 'client',
  publicDir: false,
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Phaser is large and changes rarely: keep it in its own cacheable chunk.
        codeSplitting: { groups: [{ name: 'phaser', test: /node_modules[\\/]phaser/ }] },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/socket.io': { target: api, ws: true },
      '/api': { target: api },
    },
  },
  test: {
    root: '.',
    projects: [
      { extends: true, test: { name: 'unit', root: '.', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: { name: 'integration', root: '.', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: 'browser', root: '.', include: ['test/browser/**/*.test.ts'], environment: 'node',
          testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false,
        },
      },
    ],
  },
});
