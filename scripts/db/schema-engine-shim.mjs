#!/usr/bin/env node
// Stand-in for Prisma's `schema-engine` binary, which cannot be downloaded here. prisma.config.ts points
// PRISMA_SCHEMA_ENGINE_BINARY at this file, so `prisma migrate deploy|status|dev|diff|reset|resolve` and
// `prisma db push|pull|execute` work unchanged. It speaks the binary's protocol (learned from the CLI):
//   --version                                         prints "schema-engine-cli <hash>"
//   --datasource '{"url":…}' cli can-connect-to-database|create-database
//                                                     exit 0, or JSON log lines on stderr (the CLI skips
//                                                     the first line) with the error and exit 1
//   [--datamodels FILE]… --datasource '{"url":…}'     newline-delimited JSON-RPC 2.0 on stdin/stdout;
//                                                     methods are the wasm engine's (getDatabaseVersion →
//                                                     version); diff output goes out as a `print` request.
// The engine and its workarounds are in ./schema-engine.mjs and ./engine-adapters.mjs.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import {
  databaseExists,
  deleteSqliteDatabase,
  ensureDatabase,
  loadSchemaEngineWasm,
  openSchemaEngine,
  providerOf,
  withMigrationsTable,
} from "./schema-engine.mjs";

const args = parseArgs(process.argv.slice(2));
const url = args.datasource?.url ?? "file::memory:";
const log = (level, fields) => process.stderr.write(`${JSON.stringify({ level, fields, target: "schema_engine::logger" })}\n`);

if (args.version) {
  process.stdout.write(`schema-engine-cli ${(await loadSchemaEngineWasm()).version()}\n`);
  process.exit(0);
} else if (args.cli) {
  process.exit(await runCliCommand(args.cli));
} else {
  await serveRpc();
}

function parseArgs(argv) {
  const out = { datamodels: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--version" || arg === "-V") out.version = true;
    else if (arg === "--datamodels") out.datamodels.push(argv[++i]);
    else if (arg === "--datasource") out.datasource = JSON.parse(argv[++i]);
    else if (arg === "--enabled-preview-features" || arg === "--extension-types")
      i++; // not used by the wasm engine
    else if (arg === "cli") out.cli = argv[++i];
  }
  return out;
}

// One-shot commands the CLI runs before a migrate command (P1003 = "database does not exist").
async function runCliCommand(command) {
  log("INFO", { message: `schema-engine shim: cli ${command}` }); // the CLI ignores the first line
  try {
    if (command === "can-connect-to-database") {
      if (await databaseExists(url)) return 0;
      log("ERROR", { message: missingDatabaseMessage(), error_code: "P1003" });
      return 1;
    }
    if (command === "create-database") {
      await ensureDatabase(url);
      return 0;
    }
    log("ERROR", { message: `Unknown cli command: ${command}` });
  } catch (error) {
    log("ERROR", { message: error.message, ...(connectionErrorCode(error) && { error_code: connectionErrorCode(error) }) });
  }
  return 1;
}

function missingDatabaseMessage() {
  if (providerOf(url) === "sqlite") {
    const file = url.replace(/^file:/, "").split("?")[0];
    return `Database \`${path.basename(file)}\` does not exist at \`${file}\``;
  }
  const { hostname, port, pathname } = new URL(url);
  return `Database \`${decodeURIComponent(pathname.slice(1))}\` does not exist on the database server at \`${hostname}:${port || 5432}\`.`;
}

/** Prisma's error codes for connection failures: unreachable, timed out, bad credentials, denied. */
function connectionErrorCode(error) {
  const codes = { ECONNREFUSED: "P1001", ENOTFOUND: "P1001", ETIMEDOUT: "P1002", "28P01": "P1000", 28000: "P1000", 42501: "P1010" };
  return codes[error?.code];
}

async function serveRpc() {
  const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(file, "utf8")]);
  const onLog = (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`);
  const open = () => openSchemaEngine({ url, datamodels, onLog });
  let session = open();
  let nextId = 1;
  const pending = new Map(); // our own requests (print) awaiting the CLI's acknowledgement
  const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = `shim-${nextId++}`;
      pending.set(id, resolve);
      send({ id, method, params });
    });

  const handlers = {
    getDatabaseVersion: (engine, params) => engine.version(params),
    // W6: the wasm reset of SQLite only deletes rows; delete the file as the binary does and start over.
    reset: async (engine, params) => {
      if (providerOf(url) !== "sqlite") return engine.reset(params);
      await (await session).close();
      deleteSqliteDatabase(url);
      session = open();
      await session;
      return {};
    },
    // The binary prints the diff itself; the wasm engine returns it.
    diff: async (engine, params) => {
      const result = await engine.diff(params);
      if (result.stdout != null) await request("print", { content: result.stdout });
      return { ...result, stdout: null };
    },
    createDatabase: async () => {
      await ensureDatabase(url);
      return { databaseName: providerOf(url) === "sqlite" ? url : decodeURIComponent(new URL(url).pathname.slice(1)) };
    },
  };
  // W5: these read _prisma_migrations, which the wasm engine reports as P1014 on a fresh database.
  for (const method of ["diagnoseMigrationHistory", "devDiagnostic", "markMigrationApplied", "markMigrationRolledBack"]) {
    handlers[method] = (engine, params) =>
      withMigrationsTable(engine, params.migrationsList ?? emptyMigrationList(), () => engine[method](params));
  }
  // In the wasm build these have no shadow DB until devDiagnostic has run on the same engine (it primes
  // the engine's migration-schema cache, exactly as `prisma migrate dev` does); prime and retry.
  for (const method of ["createMigration", "evaluateDataLoss"]) {
    handlers[method] = async (engine, params) => {
      try {
        return await engine[method](params);
      } catch (error) {
        if (!/shadow DB must be provided/i.test(error?.message)) throw error;
        await handlers.devDiagnostic(engine, { migrationsList: params.migrationsList, filters: params.filters });
        return engine[method](params);
      }
    };
  }

  const handle = async ({ id, method, params }) => {
    let explain = (error) => error;
    try {
      const current = await session;
      explain = current.explain;
      const engine = current.engine;
      const handler = handlers[method] ?? ((e, p) => (typeof e[method] === "function" ? e[method](p) : unknownMethod(method)));
      send({ id, result: (await handler(engine, params ?? {})) ?? {} });
    } catch (error) {
      const panic = error instanceof WebAssembly.RuntimeError;
      const message = explain(error)?.message ?? String(error);
      send({
        id,
        error: {
          code: 4466,
          message: "An error happened. Check the data field for details.",
          data: { is_panic: panic, message, error_code: error?.code, meta: error?.meta },
        },
      });
      if (panic) process.exit(101); // a panicked wasm instance is unusable, as a panicked binary is gone
    }
  };

  // Requests are handled one at a time, in order, as the binary does.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const message = JSON.parse(line);
    if (message.method === undefined) {
      pending.get(message.id)?.(message.result); // the CLI acknowledging our print request
      pending.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });
  // The CLI ends stdin and sends SIGTERM at once when it is done. Close the connections first: SQLite
  // migrations run with locking_mode=EXCLUSIVE, whose lock and journal file last until the connection
  // is closed.
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      await queue.catch(() => {});
      await (await session.catch(() => null))?.close().catch(() => {});
      process.exit(0);
    })());
  lines.on("close", stop);
  process.on("SIGTERM", stop);
}

function emptyMigrationList() {
  return {
    baseDir: process.cwd(),
    lockfile: { path: "migration_lock.toml", content: null },
    shadowDbInitScript: "",
    migrationDirectories: [],
  };
}

function unknownMethod(method) {
  throw Object.assign(new Error(`Method not supported by the wasm schema engine: ${method}`), { code: undefined });
}
