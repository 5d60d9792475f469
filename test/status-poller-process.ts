// A console process reduced to its status poller, for the PostgreSQL leader test: DATABASE_URL names
// the shared database; the SDK clients are stand-ins answering "no stores" (the test is about who
// polls, not what). Prints one JSON line per tick: {"pid":…,"leader":true|false}.
import type { StatusClients } from "@/lib/server/console/status/status-clients.ts";
import { startStatusPoller } from "@/lib/server/console/status/status-poller.ts";

const empty = { send: async () => ({ CustomKeyStores: [], Clusters: [], Keys: [], Aliases: [], Truncated: false }) };

startStatusPoller({
  fastMs: 100,
  slowMs: 150,
  keyCountMs: 60_000,
  // Several of these share a database, not a token directory of their own to sweep.
  sweepKeyMaterial: false,
  clients: async () => empty as unknown as StatusClients,
  onTick: ({ leader, ok }) => process.stdout.write(`${JSON.stringify({ pid: process.pid, leader, ok })}\n`),
});
// The poller's timers do not keep the process alive; this does, until the test kills it.
setInterval(() => {}, 1 << 30);
