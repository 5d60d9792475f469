// The deep health check on a real SoftHSM token, in this process: UNAVAILABLE when the HSM cannot do the
// test encryption (no health-check key, or no token), ACTIVE when it can, DEGRADED when it is slow, and
// the answer reused for cache_seconds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeModule } from "@/lib/server/hsm/module.ts";
import { login } from "@/lib/server/hsm/session-pool.ts";
import { initToken } from "@/lib/server/hsm/tokens.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { ensureHealthKey } from "../keys/proxy-token.ts";
import { HealthCheck } from "./health-check.ts";

const dir = useTempDataDir("xks-health");
const TOKEN = "xks-health";

beforeAll(() => {
  const pin = randomPin();
  initToken({ label: TOKEN, soPin: randomPin(), userPin: pin });
  login(TOKEN, pin);
});
afterAll(() => {
  closeModule();
  removeTempDataDir(dir);
});

const options =
  (o: Partial<{ cacheMs: number; degradedMs: number }> = {}) =>
  () => ({
    cacheMs: 0,
    degradedMs: 1000,
    modulePath: "/usr/lib/softhsm/libsofthsm2.so",
    ...o,
  });

describe("HealthCheck", () => {
  it("is UNAVAILABLE for a token that is not there", async () => {
    const r = await new HealthCheck("no-such-token", options()).status();
    expect(r.ekmFleetDetails).toEqual([{ id: "no-such-token", model: "unknown", healthStatus: "UNAVAILABLE" }]);
    expect(r.xksProxyFleetSize).toBe(1);
  });

  it("is UNAVAILABLE while the health-check key is missing, ACTIVE once it exists, DEGRADED when slow", async () => {
    expect((await new HealthCheck(TOKEN, options()).status()).ekmFleetDetails[0]!.healthStatus).toBe("UNAVAILABLE");
    await ensureHealthKey(TOKEN);
    const active = await new HealthCheck(TOKEN, options()).status();
    expect(active.ekmFleetDetails[0]).toEqual({ id: TOKEN, model: "SoftHSM v2 (libsofthsm2.so)", healthStatus: "ACTIVE" });
    expect(active.ekmVendor).toMatch(/^SoftHSM project \(serial number: [0-9a-f]{16}\)$/);
    expect((await new HealthCheck(TOKEN, options({ degradedMs: 1e-9 })).status()).ekmFleetDetails[0]!.healthStatus).toBe("DEGRADED");
  });

  it("reuses its answer for cacheMs", async () => {
    const check = new HealthCheck(TOKEN, options({ cacheMs: 60_000 }));
    const first = await check.status();
    expect(await check.status()).toBe(first);
    const uncached = new HealthCheck(TOKEN, options());
    expect(await uncached.status()).not.toBe(await uncached.status());
  });
});
