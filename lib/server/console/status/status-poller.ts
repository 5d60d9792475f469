import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";
import { sweepLocalOrphanedKeyMaterial } from "@/lib/server/kms-service/local-backend.ts";
import { pollKeyCache } from "@/lib/server/console/key-cache/poll-key-cache.ts";
import { pollerLeadership, type Leadership } from "./poller-leadership.ts";
import { refreshStatusCache } from "./refresh-status-cache.ts";
import { statusClients, type StatusClients } from "./status-clients.ts";

// Keeps the status cache fresh: every fastMs while any store is CONNECTING or DISCONNECTING, every
// slowMs otherwise, counting keys every keyCountMs. Only the leader polls (poller-leadership.ts); the
// others try for the lead every fastMs. One poller per process, kept on globalThis. With the local
// backend the leader also sweeps orphaned key material (material no KMS key refers to, left by a crash
// during CreateKey) every keyCountMs: kms-service/keys/orphaned-key-material.ts says why that is safe.

export type StatusPollerOptions = {
  fastMs?: number;
  slowMs?: number;
  keyCountMs?: number;
  clients?: () => Promise<StatusClients>;
  leadership?: Leadership;
  /** Sweep orphaned key material (default: with the local backend). Only the process that owns the tokens may. */
  sweepKeyMaterial?: boolean;
  /** Called after each tick (tests, logging). */
  onTick?: (t: { leader: boolean; ok: boolean; error?: unknown }) => void;
};

export type StatusPoller = { stop: () => Promise<void> };

const state = globalThis as unknown as { keyholdStatusPoller?: StatusPoller };

/** A failed sweep is logged and tried again next time; it says nothing about the backend's status. */
async function sweepOrphans(): Promise<void> {
  try {
    for (const o of await sweepLocalOrphanedKeyMaterial()) {
      console.warn(`[keyhold] removed orphaned key material ${o.label} from ${o.home} (no KMS key refers to it)`);
    }
  } catch (error) {
    console.error("[keyhold] sweeping orphaned key material failed:", error);
  }
}

async function anyTransient(): Promise<boolean> {
  return (await db().keyStoreStatus.count({ where: { connectionState: { in: ["CONNECTING", "DISCONNECTING"] } } })) > 0;
}

export function startStatusPoller(o: StatusPollerOptions = {}): StatusPoller {
  if (state.keyholdStatusPoller) return state.keyholdStatusPoller;
  const e = env();
  const fastMs = o.fastMs ?? e.KEYHOLD_STATUS_FAST_POLL_MS;
  const slowMs = o.slowMs ?? e.KEYHOLD_STATUS_POLL_MS;
  const keyCountMs = o.keyCountMs ?? e.KEYHOLD_STATUS_KEY_COUNT_MS;
  const leadership = o.leadership ?? pollerLeadership();
  const getClients = o.clients ?? statusClients;
  const sweepKeyMaterial = o.sweepKeyMaterial ?? e.KEYHOLD_BACKEND === "local";
  let clients: StatusClients | undefined;
  let lastKeyCount = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;

  let lastRefresh = 0;

  // Every fastMs: the leader refreshes when slowMs has passed or the cache holds a CONNECTING /
  // DISCONNECTING store (written by any console instance right after Connect/Disconnect), so a
  // transient state is followed at the fast interval whichever instance started it.
  const tick = async () => {
    let leader = false;
    try {
      leader = await leadership.isLeader();
      if (leader && (Date.now() - lastRefresh >= slowMs || (await anyTransient()))) {
        clients ??= await getClients();
        const keyCounts = Date.now() - lastKeyCount >= keyCountMs;
        lastRefresh = Date.now();
        await refreshStatusCache({ ...clients, keyCounts });
        await pollKeyCache(clients.kms); // the keys table's cache: new and removed keys, a bounded number described
        if (keyCounts) {
          lastKeyCount = Date.now();
          if (sweepKeyMaterial) await sweepOrphans();
        }
        o.onTick?.({ leader, ok: true });
      } else if (!leader) {
        o.onTick?.({ leader, ok: true });
      }
    } catch (error) {
      // Recorded on the StatusPoll row by refreshStatusCache; try again after slowMs (or sooner while transient).
      clients = undefined; // rebuilt next time: the service key may have been rotated
      o.onTick?.({ leader, ok: false, error });
    }
    if (!stopped) schedule(fastMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    timer.unref();
  };
  schedule(0);
  const handle: StatusPoller = {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await leadership.release();
      if (state.keyholdStatusPoller === handle) delete state.keyholdStatusPoller;
    },
  };
  state.keyholdStatusPoller = handle;
  onShutdown("status poller", "workers", handle.stop);
  return handle;
}
