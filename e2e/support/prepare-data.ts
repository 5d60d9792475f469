// Runs before the e2e server starts (first half of the webServer command): empties data/e2e and runs
// set-up's bootstrap on it (migrations, HSM tokens, demo cluster, admin with KEYHOLD_ADMIN_PASSWORD).
// Playwright starts webServer BEFORE globalSetup, so this cannot be a globalSetup.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "./e2e-env.ts";

const dataDir = path.resolve(process.env.KEYHOLD_DATA_DIR ?? E2E_DATA_DIR);
if (path.basename(dataDir) !== "e2e") throw new Error(`Refusing to empty ${dataDir}: the e2e data folder must be named "e2e"`);
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/setup/bootstrap.ts"], {
  stdio: "inherit",
  env: { ...process.env, KEYHOLD_DATA_DIR: dataDir },
});
process.exit(result.status ?? 1);
