import "server-only";

/** An HTTP request as it arrived, before any parsing. `path` is the raw request target (path and query). */
export type AwsHttpRequest = {
  method: string;
  path: string;
  /** Header names in any case; a repeated header as an array, in arrival order (or already a HeaderMap). */
  headers: Record<string, string | readonly string[] | undefined> | HeaderMap;
  body: Buffer;
  /** The caller's address, for the audit log only (never for authentication). */
  sourceIp?: string;
};

export type AwsHttpResponse = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

/** Header name (lower case) → values in arrival order. */
export type HeaderMap = ReadonlyMap<string, readonly string[]>;

export function normalizeHeaders(headers: AwsHttpRequest["headers"]): HeaderMap {
  if (headers instanceof Map) return headers;
  const out = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const list = out.get(key) ?? [];
    if (typeof value === "string") list.push(value);
    else list.push(...value);
    out.set(key, list);
  }
  return out;
}

/** A single header value: repeated headers joined with "," (as SigV4 canonicalisation does). */
export function header(headers: HeaderMap, name: string): string | undefined {
  const values = headers.get(name.toLowerCase());
  return values === undefined ? undefined : values.join(",");
}

/** Splits "path?query" into its parts without decoding either. */
export function splitPathAndQuery(target: string): { path: string; query: string } {
  const hash = target.indexOf("#");
  const noFragment = hash >= 0 ? target.slice(0, hash) : target;
  const q = noFragment.indexOf("?");
  if (q < 0) return { path: noFragment || "/", query: "" };
  return { path: noFragment.slice(0, q) || "/", query: noFragment.slice(q + 1) };
}
