// A console process reduced to one write-invalidated cache, for the PostgreSQL cross-instance test:
// DATABASE_URL names the shared database. Reads commands on stdin, one per line, answers one JSON line each:
//   heard              → {"heard":true|false}   (is the LISTEN link up?)
//   read <userId>      → {"role":"…"}           (through the cache: a hit returns what it held)
//   write <userId> <r> → {"wrote":true}          (through db(), so the write is counted and announced)
import readline from "node:readline";
import { db } from "@/lib/server/platform/db.ts";
import { hearsOtherInstances } from "@/lib/server/platform/db-writes.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";

const cache = new WriteInvalidatedCache<string>("test-cross-instance-users", ["User"]);
const answer = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const [command, id, role] = line.trim().split(" ");
  void (async () => {
    if (command === "heard") return answer({ heard: hearsOtherInstances() });
    if (command === "read") {
      return answer({ role: await cache.get(id!, async () => (await db().user.findUniqueOrThrow({ where: { id: id! } })).role) });
    }
    if (command === "write") {
      await db().user.update({ where: { id: id! }, data: { role: role! } });
      return answer({ wrote: true });
    }
    answer({ error: `unknown command ${command}` });
  })().catch((e: unknown) => answer({ error: String(e) }));
});
// Touch the database once so the link opens.
void db()
  .user.count()
  .then(() => hearsOtherInstances());
