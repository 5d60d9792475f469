import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import { keyStoreNotFound } from "./key-store-errors.ts";

/** The store with this id, or CustomKeyStoreNotFoundException. */
export async function findKeyStore(customKeyStoreId: string): Promise<CustomKeyStore> {
  const store = await db().customKeyStore.findUnique({ where: { id: customKeyStoreId } });
  if (!store) throw keyStoreNotFound(customKeyStoreId);
  return store;
}

// Stores as the database has them until the next write to a store (write-invalidated-cache.ts): CreateKey
// and GenerateRandom in a CloudHSM key store read theirs once per request, and a store is rarely written.
const storeCache = new WriteInvalidatedCache<CustomKeyStore>("key-stores", ["CustomKeyStore"]);

/** findKeyStore from memory when no store was written since; the store is frozen (shared by requests). */
export async function findKeyStoreCached(customKeyStoreId: string): Promise<CustomKeyStore> {
  const hit = storeCache.peek(customKeyStoreId);
  if (hit) return hit.value;
  const generation = storeCache.generation();
  const store = Object.freeze(await findKeyStore(customKeyStoreId));
  storeCache.set(customKeyStoreId, store, generation);
  return store;
}
