#!/usr/bin/env node
// Generates BOTH Prisma clients (lib/generated/prisma-sqlite and lib/generated/prisma-postgresql): the app
// picks one at run time from DATABASE_URL, so both must exist whatever the current database is.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const prismaCli = createRequire(path.join(process.cwd(), "package.json")).resolve("prisma/build/index.js");

for (const provider of ["sqlite", "postgresql"]) {
  const { status } = spawnSync(process.execPath, [prismaCli, "generate", "--schema", `prisma/${provider}`], {
    stdio: "inherit",
  });
  if (status !== 0) {
    console.error(`prisma generate failed for ${provider}`);
    process.exit(status ?? 1);
  }
}
