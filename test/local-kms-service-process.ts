// The real local KMS service as its own process, for tests that restart it and for the endpoint
// benchmark. Run with `tsx --conditions=react-server test/local-kms-service-process.ts [--with-store]
// [--audit]` and KEYHOLD_DATA_DIR set. Applies migrations, creates (once, remembered in the data dir) a
// local cluster with a CONNECTED CloudHSM key store when --with-store is given, records every request
// as an AuditEvent when --audit is given, serves on 127.0.0.1 at a free port, and prints one JSON line
// {"url", "storeId", "clusterId"}. SIGTERM shuts it down as the console's server shuts down.
import fs from "node:fs";
import path from "node:path";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";

const dataDir = process.env.KEYHOLD_DATA_DIR;
if (!dataDir) throw new Error("KEYHOLD_DATA_DIR must be set");
await deployMigrations({ url: `file:${path.join(dataDir, "keyhold.db")}` });

const { startRealKmsService, createTestKeyStore } = await import("./local-kms-real-service.ts");
const { exitOnSignals, onShutdown } = await import("@/lib/server/platform/lifecycle.ts");

let store: { storeId?: string; clusterId?: string } = {};
if (process.argv.includes("--with-store")) {
  const file = path.join(dataDir, "test-key-store.json");
  if (fs.existsSync(file)) {
    store = JSON.parse(fs.readFileSync(file, "utf8")) as typeof store;
  } else {
    store = await createTestKeyStore();
    fs.writeFileSync(file, JSON.stringify(store));
  }
}

const server = await startRealKmsService({ audit: process.argv.includes("--audit") });
console.log(JSON.stringify({ url: server.url, ...store }));

// Stops as the console's server does (server.ts): the server stops taking requests, then the audit
// writer's queue is written, then PKCS#11 and the database are closed (lib/server/platform/lifecycle.ts).
onShutdown("kms service", "intake", () => server.close());
exitOnSignals();
