// Driver adapters for the wasm schema engine, with the workarounds the 7.10 adapters need (W1–W4, W9;
// each answers a failure seen in practice). Each factory remembers what it opened so close() can end it.
import { randomUUID } from "node:crypto";
import { projectRequire, providerOf, sqlitePath } from "./project.mjs";

function sqliteFactory(url) {
  const { PrismaBetterSqlite3 } = projectRequire()("@prisma/adapter-better-sqlite3");
  const base = new PrismaBetterSqlite3({ url: sqlitePath(url) });
  // W1: the engine replays migrations on the shadow DB with executeRaw(script); better-sqlite3's
  // prepare() takes one statement only, so fall back to executeScript for argument-less scripts.
  const patch = (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.args.length > 0 || !/more than one statement/.test(error?.message)) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  };
  return {
    provider: "sqlite",
    adapterName: base.adapterName,
    connect: async () => patch(await base.connect()),
    connectToShadowDb: async () => patch(await base.connectToShadowDb()), // in memory
  };
}

/** Discrete pg settings (W3: with connectionString, adapter-pg's shadow DB would be the main DB). */
export function pgConfig(url) {
  const { parseIntoClientConfig } = projectRequire()("pg-connection-string");
  const { schema, ...config } = parseIntoClientConfig(url);
  // allowExitOnIdle: an idle pool must not keep a CLI process alive.
  return { config: { ...config, allowExitOnIdle: true }, schema };
}

function postgresFactory(url) {
  const req = projectRequire();
  const { PrismaPg } = req("@prisma/adapter-pg");
  const pg = req("pg");
  const { config, schema } = pgConfig(url);
  const options = schema ? { schema } : undefined;
  const patch = (adapter) => {
    // W2: the engine's describer reads pg_constraint.contype ("char", OID 18), which adapter-pg cannot
    // map; relabel it as text (OID 25). performIO is adapter-pg internal: pinned versions only.
    const patchIO = (queryable) => {
      const performIO = queryable.performIO.bind(queryable);
      queryable.performIO = async (query) => {
        const result = await performIO(query);
        for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
        return result;
      };
      return queryable;
    };
    patchIO(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => patchIO(await startTransaction(...args));
    // W9: adapter-pg's executeScript splits the script on every ";" (breaking literals and $$ bodies)
    // and may spread the pieces over pooled connections; send it as one simple query, as the binary does.
    adapter.executeScript = async (script) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter;
  };
  // W4: adapter-pg drops its temporary shadow DB while its pool is still connected; ours ends the pool
  // first and then drops the database (needs CREATEDB, like `prisma migrate dev` itself).
  const connectToShadowDb = async () => {
    const admin = new pg.Client(config);
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await admin.query(`CREATE DATABASE "${database}"`);
      const adapter = patch(await new PrismaPg({ ...config, database }, options).connect());
      const dispose = adapter.dispose.bind(adapter);
      let disposed;
      adapter.dispose = () =>
        (disposed ??= (async () => {
          await dispose();
          await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          await admin.end();
        })());
      return adapter;
    } catch (error) {
      await admin.end().catch(() => {});
      throw error;
    }
  };
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => patch(await new PrismaPg(config, options).connect()),
    connectToShadowDb,
  };
}

/** An adapter factory for the engine, plus close() which disposes every connection it opened. */
export async function createAdapterFactory(url) {
  const { bindMigrationAwareSqlAdapterFactory } = projectRequire()("@prisma/driver-adapter-utils");
  const raw = providerOf(url) === "sqlite" ? sqliteFactory(url) : postgresFactory(url);
  const opened = [];
  const track = (connect) => async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const factory = bindMigrationAwareSqlAdapterFactory({
    ...raw,
    connect: track(raw.connect),
    connectToShadowDb: track(raw.connectToShadowDb),
  });
  const close = async () => {
    const adapters = opened.splice(0);
    await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
  };
  return { factory, close };
}
