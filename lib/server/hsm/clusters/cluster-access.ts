import "server-only";
import type { Cluster, Hsm } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { isLoggedIn, login } from "@/lib/server/hsm/session-pool.ts";
import { tokenPresent } from "@/lib/server/hsm/tokens.ts";
import { clusterNotFound, clusterUnreachable, kmsuserLockedOut, noActiveHsms } from "./cluster-errors.ts";
import { kmsuserPassword } from "./cluster-secrets.ts";

// Shared by the cluster functions: loading a cluster, picking its HSMs, logging in to their tokens
// with the sealed kmsuser password, and failing over between HSMs.

export type ClusterWithHsms = Cluster & { hsms: Hsm[] };

// loadCluster is on the path of every cryptographic call on a key in a CloudHSM key store, so clusters
// with their HSMs are kept in memory, on globalThis like the other per-process state (Next bundles this
// module into several layers). In-process invalidation is sound because one process at a time holds the
// token directory (data/hsm.lock), and only that process serves the local KMS and writes cluster or HSM
// state: every function here that writes a Cluster or Hsm row calls forgetCluster(id) after the write.
// A read that began before a forget is returned but not kept, so it cannot put old state back.
type ClusterCache = { entries: Map<string, ClusterWithHsms>; generation: number };

const cacheHolder = globalThis as unknown as { keyholdClusterCache?: ClusterCache };

function clusterCache(): ClusterCache {
  return (cacheHolder.keyholdClusterCache ??= { entries: new Map(), generation: 0 });
}

export async function loadCluster(clusterId: string, api: "kms" | "cloudhsm"): Promise<ClusterWithHsms> {
  const cache = clusterCache();
  let cluster = cache.entries.get(clusterId);
  if (!cluster) {
    const generation = cache.generation;
    const row = await db().cluster.findUnique({
      where: { id: clusterId },
      include: { hsms: { orderBy: { createdAt: "asc" } } },
    });
    if (row) {
      // Shared by every caller until the next write: frozen, so nobody changes it in place.
      row.hsms.forEach((h) => Object.freeze(h));
      Object.freeze(row.hsms);
      cluster = Object.freeze(row);
      if (generation === cache.generation) cache.entries.set(clusterId, cluster);
    }
  }
  if (!cluster || cluster.state === "DELETED") throw clusterNotFound(clusterId, api);
  return cluster;
}

/** Drops the cached cluster; call after every write to its Cluster or Hsm rows. */
export function forgetCluster(clusterId: string): void {
  const cache = clusterCache();
  cache.generation++;
  cache.entries.delete(clusterId);
}

export function activeHsms(cluster: ClusterWithHsms): Hsm[] {
  return cluster.hsms.filter((h) => h.state === "ACTIVE");
}

/** Logs in to the HSM's token with the cluster's kmsuser password unless already logged in. */
export function ensureHsmLogin(cluster: Cluster, hsm: Hsm): void {
  if (isLoggedIn(hsm.tokenLabel)) return;
  // A locked-out kmsuser cannot log in again (sessions already logged in keep working, as in CloudHSM).
  if (cluster.kmsuserLockedAt) throw kmsuserLockedOut(cluster.id);
  login(hsm.tokenLabel, kmsuserPassword(cluster));
}

/** Marks an HSM DEGRADED when its token has disappeared; returns whether it did. */
export async function degradeIfTokenGone(hsm: Hsm): Promise<boolean> {
  if (tokenPresent(hsm.tokenLabel)) return false;
  await db().hsm.update({
    where: { id: hsm.id },
    data: { state: "DEGRADED", stateMessage: "The HSM's token is missing." },
  });
  forgetCluster(hsm.clusterId);
  return true;
}

/** Errors that are the same on every HSM: trying another one would not help. */
function isClusterWide(e: unknown): boolean {
  if (!(e instanceof AppError)) return false;
  if (["InvalidCiphertextException", "IncorrectKeyMaterialException", "ValidationException"].includes(e.code)) return true;
  return e.connectionErrorCode === "INVALID_CREDENTIALS" || e.connectionErrorCode === "USER_LOCKED_OUT";
}

const rotation = globalThis as unknown as { keyholdHsmRotation?: Map<string, number> };

/**
 * Runs fn on one active HSM of the cluster (rotating between them); if that HSM fails for a reason
 * local to it (token gone, key missing there, internal error), tries the next one.
 */
export async function onAnyActiveHsm<T>(cluster: ClusterWithHsms, fn: (hsm: Hsm) => Promise<T>): Promise<T> {
  const hsms = activeHsms(cluster);
  if (hsms.length === 0) throw noActiveHsms(cluster.id);
  const counters = (rotation.keyholdHsmRotation ??= new Map());
  const start = (counters.get(cluster.id) ?? 0) % hsms.length;
  counters.set(cluster.id, start + 1);
  const errors: unknown[] = [];
  for (let i = 0; i < hsms.length; i++) {
    const hsm = hsms[(start + i) % hsms.length]!;
    try {
      ensureHsmLogin(cluster, hsm);
      return await fn(hsm);
    } catch (e) {
      if (isClusterWide(e)) throw e;
      errors.push(e);
      await degradeIfTokenGone(hsm);
    }
  }
  // Every HSM that still exists lacks the key material: that is the error to report.
  const someLeft = hsms.some((h) => tokenPresent(h.tokenLabel));
  const keyMissing = errors.every((e) => e instanceof AppError && e.code === "KMSInvalidStateException");
  throw someLeft && keyMissing ? errors[0] : clusterUnreachable(cluster.id, errors[0]);
}
