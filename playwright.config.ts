import { defineConfig, devices } from "@playwright/test";
import path from "node:path";
import {
  E2E_ACCOUNT_ID,
  E2E_ADMIN,
  E2E_AWS_BASE_URL,
  E2E_AWS_CREDENTIALS_DIR,
  E2E_AWS_DATA_DIR,
  E2E_AWS_PORT,
  E2E_BASE_URL,
  E2E_DATA_DIR,
  E2E_PORT,
  E2E_PROXY_PORT,
  E2E_REGION,
} from "./e2e/support/e2e-env.ts";

// End-to-end tests against the production build (`next build` first), in Debian's chromium, on two
// servers (Playwright starts them one after the other, each once the previous one answers):
// 1. the main console, KEYHOLD_BACKEND=local, on E2E_PORT (default 3100), data in data/e2e. Every spec
//    uses it (baseURL). Its command prepares data/e2e with set-up's bootstrap and writes an access key of
//    its admin to data/e2e/aws-backed-console/ for the second server.
// 2. a console with KEYHOLD_BACKEND=aws on E2E_PORT+1, data in data/e2e-aws, whose AWS endpoint is the
//    main server's /api/aws behind a TCP proxy on E2E_PORT+2. Only e2e/backend-outage.ui.spec.ts uses
//    it: it starts and stops that proxy (a real outage), so the backend is unreachable outside that spec.
// (Playwright starts webServer before globalSetup, so the bootstrap is part of each command.)
const CI = !!process.env.CI;
const prepareData = "npx tsx --conditions=react-server e2e/support/prepare-data.ts";
// The server itself (server.ts), not `npm run start` (scripts/start.sh also runs set-up and may rebuild).
const serverStart = (port: number) => `PORT=${port} node --import tsx --import ./scripts/server/server-only-hook.mjs server.ts`;
const server = {
  reuseExistingServer: !CI,
  timeout: 180_000,
  stdout: "pipe",
  gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
} as const;

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
  webServer: [
    {
      ...server,
      command: `${prepareData} && ${serverStart(E2E_PORT)}`,
      url: `${E2E_BASE_URL}/login`,
      env: {
        KEYHOLD_DATA_DIR: E2E_DATA_DIR,
        KEYHOLD_ADMIN_PASSWORD: E2E_ADMIN.password,
        KEYHOLD_BACKEND: "local",
        KEYHOLD_REGION: E2E_REGION,
        KEYHOLD_ACCOUNT_ID: E2E_ACCOUNT_ID,
        // Connecting and disconnecting take this long, so the CONNECTING / DISCONNECTING badges are seen.
        KEYHOLD_LOCAL_CONNECTION_DELAY_MS: "1500",
        // The specs create more stores than KMS's 10 and cannot delete those whose keys wait out their
        // 7-day deletion window (env.ts).
        KEYHOLD_CUSTOM_KEY_STORE_LIMIT: "40",
        // KMS's 250 ms per proxy call is for a production proxy; an XKS proxy run under tsx on busy,
        // shared test cores misses it now and then (as in the vitest XKS tests, which allow 3 s too).
        // The store page still measures every check against 250 ms.
        KEYHOLD_XKS_TIMEOUT_MS: "3000",
      },
    },
    {
      ...server,
      command: `${prepareData} && ${serverStart(E2E_AWS_PORT)}`,
      url: `${E2E_AWS_BASE_URL}/login`,
      env: {
        KEYHOLD_DATA_DIR: E2E_AWS_DATA_DIR,
        KEYHOLD_ADMIN_PASSWORD: E2E_ADMIN.password,
        KEYHOLD_BACKEND: "aws",
        KEYHOLD_ACCOUNT_ID: E2E_ACCOUNT_ID,
        AWS_REGION: E2E_REGION,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${E2E_PROXY_PORT}/api/aws`,
        // Only the files the main server's preparation wrote: no environment keys, no ~/.aws.
        AWS_SHARED_CREDENTIALS_FILE: path.join(E2E_AWS_CREDENTIALS_DIR, "credentials"),
        AWS_CONFIG_FILE: path.join(E2E_AWS_CREDENTIALS_DIR, "config"),
        AWS_PROFILE: "default",
        AWS_ACCESS_KEY_ID: "",
        AWS_SECRET_ACCESS_KEY: "",
        AWS_SESSION_TOKEN: "",
        // Short intervals, so that an outage and the recovery show within seconds.
        KEYHOLD_STATUS_POLL_MS: "1000",
        KEYHOLD_STATUS_FAST_POLL_MS: "500",
      },
    },
  ],
});
