// The body of the audit writer's SQLite thread (audit-sqlite.ts), as CommonJS source for `new Worker(…,
// { eval: true })`, for the reason crypto-thread-source.ts gives (a file path would not survive Next's
// bundling). better-sqlite3 is required from the working directory's node_modules.
//
// A message is one batch: { id, file, rows }, rows flattened to COLUMNS values each (time as epoch ms).
// The thread writes the batch in one transaction and answers { id } or { id, error: { code, message } }.
// Waiting for a lock here does not block the event loop, so the connection has a busy timeout
// (BUSY_TIMEOUT_MS) and a batch that still finds the database locked answers SQLITE_BUSY.

/** The AuditEvent columns in the order the main thread flattens a row (audit-sqlite.ts) and the INSERT binds them. */
export const AUDIT_SQLITE_COLUMNS = [
  "id",
  "time",
  "eventSource",
  "eventName",
  "principalArn",
  "accessKeyId",
  "sourceIp",
  "userAgent",
  "requestParameters",
  "responseElements",
  "errorCode",
  "errorMessage",
  "resources",
  "requestId",
] as const;

export const AUDIT_SQLITE_THREAD_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const COLUMNS = ${AUDIT_SQLITE_COLUMNS.length};
const TIME = ${AUDIT_SQLITE_COLUMNS.indexOf("time")};
let open;

function connection(file) {
  if (open && open.file === file) return open;
  if (open) open.db.close();
  // The journal mode is the database's own (server.ts puts it in WAL).
  const db = new Database(file, { timeout: workerData.busyTimeoutMs });
  const insert = db.prepare(
    'INSERT INTO "AuditEvent" (${AUDIT_SQLITE_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${AUDIT_SQLITE_COLUMNS.map(() => "?").join(", ")})',
  );
  const values = new Array(COLUMNS);
  const insertBatch = db.transaction((rows) => {
    for (let at = 0; at < rows.length; at += COLUMNS) {
      for (let c = 0; c < COLUMNS; c++) values[c] = rows[at + c];
      // As the Prisma adapter writes DateTime columns (ISO 8601, "+00:00"), so both read back alike.
      values[TIME] = new Date(values[TIME]).toISOString().replace("Z", "+00:00");
      insert.run(values);
    }
  });
  open = { file, db, insertBatch };
  return open;
}

parentPort.on("message", (message) => {
  if (message.close) {
    if (open) open.db.close();
    open = undefined;
    parentPort.postMessage({ id: message.id });
    return;
  }
  try {
    connection(message.file).insertBatch(message.rows);
    parentPort.postMessage({ id: message.id });
  } catch (e) {
    parentPort.postMessage({ id: message.id, error: { code: e && e.code, message: String(e && e.message) } });
  }
});
`;
