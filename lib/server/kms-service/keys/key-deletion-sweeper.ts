import "server-only";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";
import { deleteDueKeys } from "./delete-due-keys.ts";

// Runs deleteDueKeys in the server process: once shortly after start, then every interval. One
// sweeper per process (kept on globalThis, as Next loads server code in several layers); its timer
// never keeps the process alive. PKCS#11 is opened only when a key is actually due.

export type KeyDeletionSweeperOptions = { intervalMs?: number; firstRunMs?: number };

type Sweeper = { stop: () => Promise<void> };
const state = globalThis as unknown as { keyholdKeyDeletionSweeper?: Sweeper };

export function startKeyDeletionSweeper(o: KeyDeletionSweeperOptions = {}): Sweeper {
  if (state.keyholdKeyDeletionSweeper) return state.keyholdKeyDeletionSweeper;
  const interval = o.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      await deleteDueKeys();
    } catch (e) {
      console.error("[local-kms] the key deletion sweeper failed:", e);
    }
    if (!stopped) schedule(interval);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = run();
    }, ms);
    timer.unref();
  };
  schedule(o.firstRunMs ?? 5_000);
  const handle: Sweeper = {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      if (state.keyholdKeyDeletionSweeper === handle) state.keyholdKeyDeletionSweeper = undefined;
    },
  };
  state.keyholdKeyDeletionSweeper = handle;
  onShutdown("key deletion sweeper", "workers", handle.stop);
  return handle;
}
