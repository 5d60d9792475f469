import "server-only";
import pg from "pg";
import { databaseProvider, databaseUrl } from "@/lib/server/platform/database-url.ts";

/** Whether this process may poll now. */
export type Leadership = { isLeader: () => Promise<boolean>; release: () => Promise<void> };

/** The advisory lock's key: hashtext() of a fixed name, the same in every console process. */
const LOCK_NAME = "keyhold.status-poller";

/**
 * PostgreSQL: a session-level advisory lock held on a dedicated connection (not the Prisma pool, whose
 * connections come and go). Whoever holds it polls; when that process dies its connection closes, the
 * server releases the lock, and the next process to try takes it. SQLite: one console process per
 * database file, so it always leads.
 */
export function pollerLeadership(url = databaseUrl()): Leadership {
  if (databaseProvider(url) !== "postgresql") return { isLeader: async () => true, release: async () => {} };
  let client: pg.Client | undefined;
  let leader = false;
  const drop = () => {
    leader = false;
    const c = client;
    client = undefined;
    void c?.end().catch(() => undefined);
  };
  return {
    async isLeader() {
      try {
        if (client && leader) {
          await client.query("SELECT 1"); // still connected, so still holding the lock
          return true;
        }
        if (!client) {
          const c = new pg.Client({ connectionString: url, application_name: "keyhold-status-poller" });
          c.on("error", drop);
          await c.connect();
          client = c;
        }
        const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [LOCK_NAME]);
        leader = rows[0]?.locked === true;
        return leader;
      } catch {
        drop();
        return false;
      }
    },
    async release() {
      const c = client;
      client = undefined;
      leader = false;
      if (c) await c.end().catch(() => undefined);
    },
  };
}
