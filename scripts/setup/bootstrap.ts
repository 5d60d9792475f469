// Prepares the data folder, idempotently: database migrations, the PKCS#11 token directory, the
// service's default token, one demo CloudHSM cluster, the first admin and its AWS CLI credentials.
// With KEYHOLD_BACKEND=aws only the migrations, the master key and the admin: the HSM side belongs to
// the remote backend, and the admin's access key signs nothing there (the SDK credential chain does).
// Run by scripts/setup.sh with `tsx --conditions=react-server` (so "server-only" resolves) while no
// Keyhold server runs on the same data folder: only one process may write the token directory.
import fs from "node:fs";
import path from "node:path";
import { dataDir, databaseUrl, databaseProvider } from "../../lib/server/platform/database-url.ts";
import { deployMigrations } from "../db/schema-engine.mjs";
import { writeAwsCliFiles } from "./aws-cli-files.ts";

const ok = (text: string) => console.log(`    ${text}`);
/** A path as the user would type it: relative inside the project, absolute elsewhere. */
const shown = (p: string) => (path.relative(process.cwd(), p).startsWith("..") ? p : path.relative(process.cwd(), p));

async function main() {
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);

  const url = databaseUrl();
  const { appliedMigrationNames } = await deployMigrations({ url });
  ok(`database (${databaseProvider(url)}): ${appliedMigrationNames.length ? `applied ${appliedMigrationNames.join(", ")}` : "up to date"}`);

  // Server modules are imported after the migrations so that nothing touches a stale schema.
  const { masterKey, masterKeyPath } = await import("@/lib/server/platform/secrets/master-key.ts");
  masterKey();
  ok(process.env.KEYHOLD_MASTER_KEY ? "master key: from KEYHOLD_MASTER_KEY" : `master key: ${shown(masterKeyPath())}`);

  const { env } = await import("@/lib/server/platform/env.ts");
  const local = env().KEYHOLD_BACKEND === "local";
  if (local) {
    const { ensureDefaultToken } = await import("@/lib/server/hsm/clusters/ensure-default-token.ts");
    const token = await ensureDefaultToken();
    ok(`default HSM token for AWS_KMS keys: ${token.created ? "created" : "present"}`);

    const { ensureDemoCluster } = await import("@/lib/server/hsm/clusters/ensure-demo-cluster.ts");
    const demo = await ensureDemoCluster();
    const clusterDir = shown(path.join(dir, "clusters", demo.clusterId));
    ok(`demo CloudHSM cluster ${demo.clusterId}: ${demo.created ? "created with two HSMs" : "present"}`);
    ok(`  trust anchor: ${clusterDir}/customerCA.crt   kmsuser password: ${clusterDir}/kmsuser-password`);
  } else {
    ok("KEYHOLD_BACKEND=aws: no HSM tokens or demo cluster (the backend has its own)");
  }

  const { ensureAdmin } = await import("@/lib/server/platform/identity/ensure-admin.ts");
  const admin = await ensureAdmin({ password: process.env.KEYHOLD_ADMIN_PASSWORD });
  if (admin.generatedPassword) {
    console.log(`\n    Console admin created. Sign in as "${admin.userName}" with this password (shown once, never stored):`);
    console.log(`\n        ${admin.generatedPassword}\n`);
  } else {
    ok(`console admin "${admin.userName}": ${admin.created ? "created with KEYHOLD_ADMIN_PASSWORD" : "present"}`);
  }

  if (local) {
    const files = writeAwsCliFiles({ dir, accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey });
    ok(`AWS CLI profile "keyhold": ${shown(files.credentials)} (0600), ${shown(files.config)}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(`\nSet-up failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
