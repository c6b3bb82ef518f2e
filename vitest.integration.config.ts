import { defineConfig } from 'vitest/config';

// Integration tests: the real backend against a real Docker engine
// (DOCKER_HOST, started by scripts/engine.sh). One file at a time, because
// they share the engine and some of them restart it.
export default defineConfig({
  test: {
    include: ['tests/integration/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/integration/requireEngine.ts'],
  },
});
