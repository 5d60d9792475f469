// Runs before an e2e server starts (first half of its webServer command): empties its data folder
// (KEYHOLD_DATA_DIR: data/e2e, or data/e2e-aws for the KEYHOLD_BACKEND=aws console) and runs set-up's
// bootstrap on it (migrations, admin with KEYHOLD_ADMIN_PASSWORD; local backend: HSM tokens, demo cluster).
// For the local server it then issues a second access key of its admin and writes it where the aws
// console's SDK reads it (E2E_AWS_CREDENTIALS_DIR). Playwright starts webServer BEFORE globalSetup,
// so this cannot be a globalSetup.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_ADMIN, E2E_AWS_CREDENTIALS_DIR, E2E_DATA_DIR, E2E_OPERATOR, E2E_VIEWER } from "./e2e-env.ts";

const dataDir = path.resolve(process.env.KEYHOLD_DATA_DIR ?? E2E_DATA_DIR);
if (!["e2e", "e2e-aws"].includes(path.basename(dataDir))) {
  throw new Error(`Refusing to empty ${dataDir}: an e2e data folder must be named "e2e" or "e2e-aws"`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
process.env.KEYHOLD_DATA_DIR = dataDir;

const result = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/setup/bootstrap.ts"], { stdio: "inherit", env: process.env });
if (result.status !== 0) process.exit(result.status ?? 1);

if ((process.env.KEYHOLD_BACKEND ?? "local") === "local" && dataDir === E2E_DATA_DIR) {
  // Server modules only now: the bootstrap has migrated the database they open.
  const { db } = await import("@/lib/server/platform/db.ts");
  const { createAccessKey } = await import("@/lib/server/platform/identity/create-access-key.ts");
  const admin = await db().user.findUniqueOrThrow({ where: { name: E2E_ADMIN.userName }, select: { id: true } });
  const key = await createAccessKey(admin.id);
  const { createUser } = await import("@/lib/server/platform/identity/create-user.ts");
  // With an access key each: the console signs their KMS requests with it.
  await createAccessKey((await createUser({ name: E2E_OPERATOR.userName, password: E2E_OPERATOR.password, role: "operator" })).id);
  await createAccessKey((await createUser({ name: E2E_VIEWER.userName, password: E2E_VIEWER.password, role: "viewer" })).id);
  fs.mkdirSync(E2E_AWS_CREDENTIALS_DIR, { recursive: true, mode: 0o700 });
  const credentials = path.join(E2E_AWS_CREDENTIALS_DIR, "credentials");
  fs.writeFileSync(credentials, `[default]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`, {
    mode: 0o600,
  });
  // Its own (empty) config file, so that nothing from ~/.aws/config applies; the Region comes from AWS_REGION.
  fs.writeFileSync(path.join(E2E_AWS_CREDENTIALS_DIR, "config"), "[default]\n", { mode: 0o600 });
  console.log(`    access key for the aws-backed e2e console: ${path.relative(process.cwd(), credentials)} (0600)`);
}
process.exit(0);
