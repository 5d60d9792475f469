// Settings shared by playwright.config.ts, the data preparation script and the tests.
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve("data/e2e");

/** The admin that set-up creates in the e2e data folder (KEYHOLD_ADMIN_PASSWORD). Test-only. */
export const E2E_ADMIN = { userName: "admin", password: "e2e-Keyhold-admin-pw-1" } as const;

export const E2E_ACCOUNT_ID = "111122223333";
export const E2E_REGION = "us-east-1";
