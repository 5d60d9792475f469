import "server-only";
import crypto from "node:crypto";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";
import { db } from "@/lib/server/platform/db.ts";
import {
  checkVpcEndpointService,
  proxySettingsOf,
  targetOf,
  type XksProxySettings,
} from "@/lib/server/kms-service/key-stores/xks-proxy-of-store.ts";
import { getHealthStatus, type XksHealth } from "./xks-api.ts";
import { connectionErrorCodeOfXks } from "./xks-errors.ts";
import { isXksFailure } from "./xks-failure.ts";

// The console's look at an XKS proxy (local backend only, through local-backend.ts): the same
// GetHealthStatus KMS sends on connect, with the same client, TLS trust and 250 ms timeout, either with
// values typed in the wizard ("Test connection") or with a stored store's settings (the status poller).
// The answer carries the proxy's fleet and the latency, or the ConnectionErrorCode KMS would record.

export type XksProbeResult =
  | { ok: true; health: Omit<XksHealth, "latencyMs">; latencyMs: number }
  | { ok: false; errorCode: ConnectionErrorCode; message: string; latencyMs: number };

async function probe(settings: XksProxySettings, kmsOperation: string): Promise<XksProbeResult> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let service;
  if (settings.connectivity === "VPC_ENDPOINT_SERVICE") {
    const checked = await checkVpcEndpointService(settings);
    if (checked.problem) {
      const errorCode =
        checked.problem === "NOT_FOUND" ? "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND" : "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION";
      return { ok: false, errorCode, message: checked.why ?? errorCode, latencyMs: elapsed() };
    }
    service = checked.service;
  }
  try {
    const { latencyMs, ...health } = await getHealthStatus(targetOf(settings, service), {
      kmsRequestId: crypto.randomUUID(),
      kmsOperation,
    });
    return { ok: true, health, latencyMs: Math.round(latencyMs * 10) / 10 };
  } catch (e) {
    if (!isXksFailure(e)) throw e;
    // The failure's detail names the condition (refused, timeout, certificate …), never the credential.
    return { ok: false, errorCode: connectionErrorCodeOfXks(e), message: e.message, latencyMs: elapsed() };
  }
}

/** GetHealthStatus with values that are not stored anywhere (the create wizard's "Test connection"). */
export function probeXksProxySettings(settings: XksProxySettings): Promise<XksProbeResult> {
  return probe(settings, "CreateCustomKeyStore");
}

/** GetHealthStatus with a stored external key store's settings; undefined when there is no such complete store. */
export async function probeXksKeyStore(customKeyStoreId: string): Promise<XksProbeResult | undefined> {
  const store = await db().customKeyStore.findUnique({ where: { id: customKeyStoreId } });
  if (!store || store.type !== "EXTERNAL_KEY_STORE" || !store.xksProxySecretSealed) return undefined;
  return probe(proxySettingsOf(store), "ConnectCustomKeyStore");
}
