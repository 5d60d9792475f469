import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseProvider, databaseUrl } from "./lib/server/platform/database-url.ts";

// The Prisma CLI cannot download its schema-engine binary here; a stand-in that runs the wasm engine
// takes its place (scripts/db/schema-engine-shim.mjs). OFFLINE_SCHEMA_ENGINE=0 uses the real binary.
if (process.env.OFFLINE_SCHEMA_ENGINE !== "0") {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/db/schema-engine-shim.mjs");
}

const provider = databaseProvider();

export default defineConfig({
  schema: `prisma/${provider}`,
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url: databaseUrl() },
});
