import { defineConfig } from 'vitest/config';

// Unit tests: pure logic only, next to the code they test. No engine needed.
export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'backend/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
