// Runs once when the Next.js server starts, before it serves: pending migrations are applied so the
// server never answers on an out-of-date schema. PKCS#11 is NOT opened here; the HSM layer opens the
// module lazily on first use, in the serving process only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { deployMigrations } = await import("./scripts/db/schema-engine.mjs");
  const { databaseUrl } = await import("./scripts/db/database-url.ts");
  const { appliedMigrationNames } = await deployMigrations({ url: databaseUrl() });
  if (appliedMigrationNames.length) console.log(`Keyhold: applied migrations ${appliedMigrationNames.join(", ")}`);
}
