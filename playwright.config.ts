import { defineConfig, devices } from "@playwright/test";
import { E2E_ACCOUNT_ID, E2E_ADMIN, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT, E2E_REGION } from "./e2e/support/e2e-env.ts";

// End-to-end tests against the production build (`next build` first), in Debian's chromium.
// The web server command prepares data/e2e with set-up's bootstrap, then runs `next start` on E2E_PORT
// (default 3100).
// (Playwright starts webServer before globalSetup, so the bootstrap is part of the command.)
const CI = !!process.env.CI;

export default defineConfig({
  testDir: "e2e",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  fullyParallel: true,
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts$/ },
    {
      name: "ui",
      testMatch: /.*\.ui\.spec\.ts$/,
      use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
    },
  ],
  webServer: {
    // `next start` itself, not `npm run start` (scripts/start.sh also runs set-up and may rebuild).
    command: `npx tsx --conditions=react-server e2e/support/prepare-data.ts && node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port ${E2E_PORT}`,
    url: `${E2E_BASE_URL}/login`,
    reuseExistingServer: !CI,
    timeout: 180_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: {
      KEYHOLD_DATA_DIR: E2E_DATA_DIR,
      KEYHOLD_ADMIN_PASSWORD: E2E_ADMIN.password,
      KEYHOLD_BACKEND: "local",
      KEYHOLD_REGION: E2E_REGION,
      KEYHOLD_ACCOUNT_ID: E2E_ACCOUNT_ID,
      // Connecting and disconnecting take this long, so the CONNECTING / DISCONNECTING badges are seen.
      KEYHOLD_LOCAL_CONNECTION_DELAY_MS: "1500",
    },
  },
});
