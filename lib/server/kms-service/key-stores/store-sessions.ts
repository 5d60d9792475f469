import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { loginKmsuser } from "@/lib/server/hsm/clusters/login-kmsuser.ts";
import { connectionErrorCodeOf, isPermanentConnectionError } from "./connection-error-code.ts";
import { openKeyStorePassword } from "./key-store-password.ts";

// The in-process half of a CONNECTED CloudHSM key store: whether THIS process has logged kmsuser in
// to the store's cluster with the store's password. The database says CONNECTED; the PKCS#11 logins
// live in the process. A connect fills this in; a disconnect empties it. After a restart the map is
// empty, so the first use of a CONNECTED store logs kmsuser in again (one login shared by concurrent
// callers); see CONNECTIONS.md.

type Session = { clusterId: string; ready: Promise<void> };

const holder = globalThis as unknown as { keyholdStoreSessions?: Map<string, Session> };

function sessions(): Map<string, Session> {
  return (holder.keyholdStoreSessions ??= new Map());
}

/** Records that kmsuser is logged in for this store (called by the connect job before it commits CONNECTED). */
export function markSessionOpen(storeId: string, clusterId: string): void {
  sessions().set(storeId, { clusterId, ready: Promise.resolve() });
}

export function forgetSession(storeId: string): void {
  sessions().delete(storeId);
}

export function hasSession(storeId: string): boolean {
  return sessions().has(storeId);
}

export type SessionFailure = { code: string; permanent: boolean };

/**
 * For a store the database says is CONNECTED: resolves once this process has kmsuser logged in for it,
 * logging in with the store's password on first use after a restart. A failure rejects with the
 * ConnectionErrorCode; a permanent one (wrong or locked-out credentials, cluster gone) also moves the
 * store to FAILED, so the next uses do not keep trying the same password (five failures lock kmsuser
 * out). A transient one (no active HSM, network) leaves it CONNECTED and is retried on the next use.
 */
export async function ensureStoreSession(store: CustomKeyStore): Promise<void> {
  const clusterId = store.cloudHsmClusterId;
  if (!clusterId) throw new Error(`custom key store ${store.id} has no cluster`);
  const existing = sessions().get(store.id);
  if (existing && existing.clusterId === clusterId) return existing.ready;
  const ready = relogin(store, clusterId);
  sessions().set(store.id, { clusterId, ready });
  try {
    await ready;
  } catch (e) {
    if (sessions().get(store.id)?.ready === ready) sessions().delete(store.id);
    throw e;
  }
}

async function relogin(store: CustomKeyStore, clusterId: string): Promise<void> {
  try {
    await loginKmsuser({ clusterId, password: openKeyStorePassword(store) });
  } catch (e) {
    const code = connectionErrorCodeOf(e);
    const permanent = isPermanentConnectionError(code);
    if (permanent) {
      await db().customKeyStore.updateMany({
        where: { id: store.id, connectionState: "CONNECTED", cloudHsmClusterId: clusterId },
        data: { connectionState: "FAILED", connectionErrorCode: code, connectionStateChangedAt: new Date() },
      });
    }
    throw Object.assign(new Error(`kmsuser login for custom key store ${store.id} failed: ${code}`, { cause: e }), {
      failure: { code, permanent } satisfies SessionFailure,
    });
  }
}

/** The ConnectionErrorCode of an ensureStoreSession rejection. */
export function sessionFailureOf(error: unknown): SessionFailure | undefined {
  return (error as { failure?: SessionFailure } | undefined)?.failure;
}
