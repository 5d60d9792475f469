import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { toGrant, type Grant } from "./grant-types.ts";

// The grants of a key for authorising a request, without a database round trip in the usual cases:
// a key that never had a grant (grantsVersion 0) has none, and a key whose grants this process read
// at the version the request's key row carries has those. Every grant change bumps the version in
// the same transaction (create-grant.ts, delete-grant.ts), so another console instance's change is
// seen by the next request that reads the key.

const MAX_CACHED = 10_000;
const cache = new Map<string, { version: number; grants: Grant[] }>();

export async function grantsOfKey(key: { id: string; grantsVersion: number }): Promise<Grant[]> {
  if (key.grantsVersion === 0) return [];
  const hit = cache.get(key.id);
  if (hit && hit.version === key.grantsVersion) return hit.grants;
  // The key row (and its version) was read before these grants, so they are never older than that
  // version: a change committed in between is cached under the older version and read again.
  const rows = await db().keyGrant.findMany({ where: { keyId: key.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const grants = rows.map(toGrant);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key.id, { version: key.grantsVersion, grants });
  return grants;
}
