import { defineConfig } from 'vitest/config';

// Three projects: unit tests beside the code (Node, fake-indexeddb where needed), the
// integration tests in tests/integration (phones in fake-indexeddb against the real server, its
// own process where it must die mid-sync, through a flaky link), and the end-to-end journeys in
// tests/e2e (a real Chromium against the built app and server).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
