import "server-only";
import crypto from "node:crypto";
import path from "node:path";
import { tokenInfo } from "@/lib/server/hsm/slots.ts";
import { fullAad } from "../crypto/aad.ts";
import { decrypt, encrypt } from "../crypto/gcm.ts";
import { HEALTH_KEY_ID } from "../keys/proxy-token.ts";
import { log } from "../log.ts";
import { PROXY_MODEL, PROXY_VENDOR } from "../version.ts";

// The deep health check (spec §1.5: SHOULD perform crypto with test keys): token information, then an
// AES-GCM encrypt and decrypt of random bytes with the health-check key, which is behind no KMS key.
// ACTIVE when that works within degraded_latency_ms, DEGRADED when it works slower, UNAVAILABLE when it
// fails. The answer is reused for cache_seconds (the spec allows less than a minute).

export type HealthStatus = "ACTIVE" | "DEGRADED" | "UNAVAILABLE";
export type HealthResponse = {
  xksProxyFleetSize: number;
  xksProxyVendor: string;
  xksProxyModel: string;
  ekmVendor: string;
  ekmFleetDetails: Array<{ id: string; model: string; healthStatus: HealthStatus }>;
};

export class HealthCheck {
  private cached?: { at: number; response: HealthResponse };
  private running?: Promise<HealthResponse>;
  private ekm = { vendor: "unknown", model: "unknown" };

  constructor(
    private readonly token: string,
    private readonly options: () => { cacheMs: number; degradedMs: number; modulePath: string },
  ) {}

  async status(): Promise<HealthResponse> {
    const { cacheMs } = this.options();
    if (this.cached && Date.now() - this.cached.at < cacheMs) return this.cached.response;
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  private async check(): Promise<HealthResponse> {
    const { degradedMs, modulePath } = this.options();
    const started = performance.now();
    let healthStatus: HealthStatus = "ACTIVE";
    try {
      const info = tokenInfo(this.token);
      this.ekm = { vendor: `${info.manufacturer} (serial number: ${info.serial})`, model: `${info.model} (${path.basename(modulePath)})` };
      const probe = crypto.randomBytes(32);
      const aad = fullAad(Buffer.from("keyhold-xks-health"), undefined);
      const sealed = await encrypt(this.token, HEALTH_KEY_ID, probe, aad);
      const back = await decrypt(this.token, HEALTH_KEY_ID, sealed, aad);
      if (!back.equals(probe)) throw new Error("health-check round trip returned other bytes");
      if (performance.now() - started > degradedMs) healthStatus = "DEGRADED";
    } catch (e) {
      healthStatus = "UNAVAILABLE";
      const detail = (e as { internal?: string }).internal ?? (e instanceof Error ? e.message : String(e));
      log("warn", "health check failed", { token: this.token, detail });
    }
    const response: HealthResponse = {
      xksProxyFleetSize: 1,
      xksProxyVendor: PROXY_VENDOR,
      xksProxyModel: PROXY_MODEL,
      ekmVendor: this.ekm.vendor,
      ekmFleetDetails: [{ id: this.token, model: this.ekm.model, healthStatus }],
    };
    this.cached = { at: Date.now(), response };
    return response;
  }
}
