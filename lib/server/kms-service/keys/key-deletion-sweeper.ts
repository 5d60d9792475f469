import "server-only";
import { startPeriodicWorker, type PeriodicWorker } from "@/lib/server/platform/periodic-worker.ts";
import { deleteDueKeys } from "./delete-due-keys.ts";

// Runs deleteDueKeys in the server process (platform/periodic-worker.ts): shortly after start, then every
// interval. PKCS#11 is opened only when a key is actually due.

export type KeyDeletionSweeperOptions = { intervalMs?: number; firstRunMs?: number };

/** Starts the sweeper (once per process); its stop is registered with the process's shutdown. */
export function startKeyDeletionSweeper(o: KeyDeletionSweeperOptions = {}): PeriodicWorker {
  return startPeriodicWorker("key deletion sweeper", async () => void (await deleteDueKeys()), {
    intervalMs: o.intervalMs ?? 60_000,
    firstRunMs: o.firstRunMs ?? 5_000,
  });
}
