import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// Pagination markers of ListKeys, ListAliases and ListResourceTags: opaque to the caller, they carry
// the sort key of the last item returned (the next page starts after it).

export function encodeMarker(lastSortKey: string): string {
  return Buffer.from(`m1:${lastSortKey}`, "utf8").toString("base64url");
}

export function invalidMarker(): KmsError {
  return new KmsError(
    "InvalidMarkerException",
    "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
  );
}

export function decodeMarker(marker: string | undefined): string | undefined {
  if (marker === undefined) return undefined;
  const text = /^[A-Za-z0-9_-]+$/.test(marker) ? Buffer.from(marker, "base64url").toString("utf8") : "";
  if (!text.startsWith("m1:") || text.length < 4) throw invalidMarker();
  return text.slice(3);
}

/** One page of `rows` (fetched with limit + 1): the items, and the marker when more follow. */
export function page<T>(rows: T[], limit: number, sortKey: (row: T) => string): { items: T[]; nextMarker?: string; truncated: boolean } {
  const truncated = rows.length > limit;
  const items = truncated ? rows.slice(0, limit) : rows;
  return { items, truncated, nextMarker: truncated ? encodeMarker(sortKey(items[items.length - 1]!)) : undefined };
}
