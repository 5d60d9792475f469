import "server-only";

// The one place a caller's network address is read. server.ts decides the address of every request
// before any handler sees it (the socket's peer, or the X-Forwarded-For hop a trusted proxy vouches
// for; trustedForwardedFor below) and puts exactly that in X-Forwarded-For, so what handlers read here
// cannot be forged by the client.

type HeaderSource = { get(name: string): string | null | undefined };

const MAX_ADDRESS_CHARS = 64;

/** The caller's address as server.ts set it (first X-Forwarded-For hop), or undefined. */
export function clientAddress(headers: HeaderSource): string | undefined {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first ? first.slice(0, MAX_ADDRESS_CHARS) : undefined;
}

/**
 * The address to believe for a connection from `peer`: the peer itself, unless the peer is a trusted
 * proxy, in which case the right-most X-Forwarded-For hop that is not itself a trusted proxy (hops to
 * its left were written by whoever sent the request, and may be anything).
 */
export function trustedForwardedFor(peer: string, forwardedFor: string | undefined, trustedProxies: ReadonlySet<string>): string {
  const address = normalize(peer);
  if (!trustedProxies.has(address) || !forwardedFor) return address;
  const hops = forwardedFor
    .split(",")
    .map((h) => normalize(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) if (!trustedProxies.has(hops[i]!)) return hops[i]!.slice(0, MAX_ADDRESS_CHARS);
  return address;
}

/** True when the connection comes from a proxy listed in KEYHOLD_TRUSTED_PROXIES. */
export function isTrustedProxy(peer: string, trustedProxies: ReadonlySet<string>): boolean {
  return trustedProxies.has(normalize(peer));
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so one proxy is not listed twice. */
function normalize(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
