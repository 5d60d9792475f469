// Settings shared by playwright.config.ts, the data preparation script and the tests.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve("data/e2e");

/** The admin that set-up creates in the e2e data folder (KEYHOLD_ADMIN_PASSWORD). Test-only. */
export const E2E_ADMIN = { userName: "admin", password: "e2e-Keyhold-admin-pw-1" } as const;
/** Users of the other two roles, created by prepare-data.ts (the route crawl signs in as each). Test-only. */
export const E2E_OPERATOR = { userName: "e2e-operator", password: "e2e-Keyhold-operator-pw-1" } as const;
export const E2E_VIEWER = { userName: "e2e-viewer", password: "e2e-Keyhold-viewer-pw-1" } as const;

export const E2E_ACCOUNT_ID = "111122223333";
export const E2E_REGION = "us-east-1";

// The second console, KEYHOLD_BACKEND=aws, whose "AWS" is the main e2e server's /api/aws reached
// through a TCP proxy that the outage spec starts and stops (e2e/support/tcp-proxy.ts).
export const E2E_AWS_PORT = E2E_PORT + 1;
export const E2E_AWS_BASE_URL = `http://127.0.0.1:${E2E_AWS_PORT}`;
export const E2E_AWS_DATA_DIR = path.resolve("data/e2e-aws");
export const E2E_PROXY_PORT = E2E_PORT + 2;
/** Written by prepare-data.ts for the main server: an access key of its admin, for the second console's SDK. */
export const E2E_AWS_CREDENTIALS_DIR = path.join(E2E_DATA_DIR, "aws-backed-console");
