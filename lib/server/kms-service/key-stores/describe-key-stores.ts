import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { invalidMarker, keyStoreNotFound } from "./key-store-errors.ts";
import { recoverConnections } from "./recover-connections.ts";
import { toListEntry, type CustomKeyStoresListEntry } from "./to-list-entry.ts";

export type DescribeKeyStoresOptions = {
  customKeyStoreId?: string;
  customKeyStoreName?: string;
  /** 1–1000; all stores fit one page by default (there are at most 10). */
  limit?: number;
  marker?: string;
};

export type DescribeKeyStoresResult = {
  CustomKeyStores: CustomKeyStoresListEntry[];
  NextMarker?: string;
  Truncated: boolean;
};

const DEFAULT_LIMIT = 100;

/**
 * The stores of the account, oldest first, or the one named by id or name (CustomKeyStoreNotFoundException
 * when there is none). Pages continue after the (creation time, id) the marker carries, so a store
 * created or deleted between pages neither repeats nor shifts the rest.
 */
export async function describeKeyStores(options: DescribeKeyStoresOptions = {}): Promise<DescribeKeyStoresResult> {
  await recoverConnections();
  const after = options.marker === undefined ? undefined : decodeMarker(options.marker);
  const where = {
    ...(options.customKeyStoreId !== undefined ? { id: options.customKeyStoreId } : {}),
    ...(options.customKeyStoreName !== undefined ? { name: options.customKeyStoreName } : {}),
  };
  if (options.customKeyStoreId !== undefined || options.customKeyStoreName !== undefined) {
    if ((await db().customKeyStore.count({ where })) === 0) {
      throw keyStoreNotFound(options.customKeyStoreId ?? options.customKeyStoreName!);
    }
  }
  const limit = options.limit ?? DEFAULT_LIMIT;
  const rows = await db().customKeyStore.findMany({
    where: {
      ...where,
      ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const truncated = rows.length > limit;
  return {
    CustomKeyStores: page.map(toListEntry),
    NextMarker: truncated ? encodeMarker(page.at(-1)!) : undefined,
    Truncated: truncated,
  };
}

// Markers are opaque to callers: "ks1." + base64url of "<creation ms>:<store id>".
const PREFIX = "ks1.";

function encodeMarker(store: CustomKeyStore): string {
  return PREFIX + Buffer.from(`${store.createdAt.getTime()}:${store.id}`, "utf8").toString("base64url");
}

function decodeMarker(marker: string): { createdAt: Date; id: string } {
  if (!marker.startsWith(PREFIX)) throw invalidMarker();
  const m = /^(\d{1,15}):(cks-[0-9a-f]{17})$/.exec(Buffer.from(marker.slice(PREFIX.length), "base64url").toString("utf8"));
  if (!m) throw invalidMarker();
  return { createdAt: new Date(Number(m[1])), id: m[2]! };
}
