import { defineConfig } from '@playwright/test';

// Real Chromium (Debian's, never a downloaded one), the real backend in
// browser mode, the real engine at DOCKER_HOST. One worker: the specs share
// the engine, and one of them restarts it.
export default defineConfig({
  testDir: './specs',
  outputDir: './artifacts/test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1600, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
