import "server-only";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import tls from "node:tls";
import { env } from "@/lib/server/platform/env.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";

// TLS trust and connection reuse for calls to XKS proxies. A proxy's certificate must chain to one of:
// the system's root CAs (a proxy with a public certificate, as KMS requires), the local proxy's CA that
// set-up made (<data>/xks-proxy/tls/ca.crt), or the CAs of KEYHOLD_XKS_CA_FILE (a user's own CA).
// Host names are verified as always (never rejectUnauthorized: false). One keep-alive agent per process.

const holder = globalThis as unknown as { keyholdXksAgent?: { agent: https.Agent; caKey: string } };

function readPem(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The CA certificates trusted for proxies (PEM strings). Read on each new agent, so set-up made later counts. */
export function trustedProxyCas(): string[] {
  const extra = [path.join(env().dataDir, "xks-proxy", "tls", "ca.crt"), env().KEYHOLD_XKS_CA_FILE]
    .filter((f): f is string => Boolean(f))
    .map(readPem)
    .filter((pem): pem is string => Boolean(pem));
  return [...tls.rootCertificates, ...extra];
}

/** The keep-alive agent for proxy calls; rebuilt when the trusted CA files change. */
export function xksAgent(): https.Agent {
  const cas = trustedProxyCas();
  const caKey = cas.slice(tls.rootCertificates.length).join("\n");
  const current = holder.keyholdXksAgent;
  if (current && current.caKey === caKey) return current.agent;
  current?.agent.destroy();
  const agent = new https.Agent({ keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 64, ca: cas, minVersion: "TLSv1.2" });
  holder.keyholdXksAgent = { agent, caKey };
  onShutdown("xks-proxy-connections", "release", () => {
    holder.keyholdXksAgent?.agent.destroy();
    holder.keyholdXksAgent = undefined;
  });
  return agent;
}
