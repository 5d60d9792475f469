import "server-only";
import { deleteDueKeys } from "./delete-due-keys.ts";

// Runs deleteDueKeys in the server process: once shortly after start, then every interval. One
// sweeper per process (kept on globalThis, as Next loads server code in several layers); its timer
// never keeps the process alive. PKCS#11 is opened only when a key is actually due.

export type KeyDeletionSweeperOptions = { intervalMs?: number; firstRunMs?: number };

const state = globalThis as unknown as { keyholdKeyDeletionSweeper?: { stop: () => void } };

export function startKeyDeletionSweeper(o: KeyDeletionSweeperOptions = {}): { stop: () => void } {
  if (state.keyholdKeyDeletionSweeper) return state.keyholdKeyDeletionSweeper;
  const interval = o.intervalMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = async () => {
    try {
      await deleteDueKeys();
    } catch (e) {
      console.error("[local-kms] the key deletion sweeper failed:", e);
    }
    if (!stopped) schedule(interval);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  schedule(o.firstRunMs ?? 5_000);
  const handle = {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      state.keyholdKeyDeletionSweeper = undefined;
    },
  };
  state.keyholdKeyDeletionSweeper = handle;
  return handle;
}
