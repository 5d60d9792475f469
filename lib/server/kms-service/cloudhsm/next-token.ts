import "server-only";
import { invalidRequest } from "@/lib/server/hsm/clusters/cluster-errors.ts";

// NextToken paging of the CloudHSM describe operations. A token names the last item returned by its
// (creation time, id) in the listing's order, so items added or removed between pages neither repeat
// nor shift the rest. Tokens are opaque to callers ("ch1." + base64url).

export type Pageable = { id: string; createdAt: Date };

export type Page<T> = { items: T[]; nextToken?: string };

const PREFIX = "ch1.";

/**
 * The page of `items` (already sorted by (createdAt, id), ascending or descending as `descending` says)
 * after `token`, at most `maxResults` long (all when absent).
 */
export function pageAfter<T>(
  items: T[],
  keyOf: (item: T) => Pageable,
  options: { token?: string; maxResults?: number; descending?: boolean },
): Page<T> {
  let rest = items;
  if (options.token !== undefined && options.token !== "") {
    const after = decode(options.token);
    const sign = options.descending ? -1 : 1;
    rest = items.filter((item) => sign * compare(keyOf(item), after) > 0);
  }
  const max = options.maxResults ?? rest.length;
  const page = rest.slice(0, max);
  return { items: page, nextToken: rest.length > max && page.length > 0 ? encode(keyOf(page.at(-1)!)) : undefined };
}

function compare(a: Pageable, b: { id: string; ms: number }): number {
  const t = a.createdAt.getTime() - b.ms;
  return t !== 0 ? t : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function encode(key: Pageable): string {
  return PREFIX + Buffer.from(`${key.createdAt.getTime()}:${key.id}`, "utf8").toString("base64url");
}

function decode(token: string): { id: string; ms: number } {
  const m = token.startsWith(PREFIX)
    ? /^(\d{1,15}):([a-z]+-[2-7a-z]{11,16})$/.exec(Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8"))
    : null;
  if (!m) throw invalidRequest("The NextToken is not valid. Use the NextToken of the previous response.");
  return { ms: Number(m[1]), id: m[2]! };
}
