import { describe, expect, it } from "vitest";
import { CONNECTION_STATES } from "@/lib/schemas/key-stores.ts";
import { canConnect, canCreateKeyIn, canDelete, canDisconnect, canEdit } from "./key-store-actions.ts";

// The action rules of spec/console.md §5: Connect when DISCONNECTED; Disconnect when CONNECTED or
// FAILED; Edit when DISCONNECTED; Delete when DISCONNECTED with no keys; create keys when CONNECTED
// with active HSMs in two AZs. Every refusal carries a reason.
describe("key store action rules", () => {
  it.each(CONNECTION_STATES)("state %s", (state) => {
    expect(canConnect({ connectionState: state }).allowed).toBe(state === "DISCONNECTED");
    expect(canDisconnect({ connectionState: state }).allowed).toBe(state === "CONNECTED" || state === "FAILED");
    expect(canEdit({ connectionState: state }).allowed).toBe(state === "DISCONNECTED");
    expect(canDelete({ connectionState: state, keyCount: 0 }).allowed).toBe(state === "DISCONNECTED");
    for (const rule of [canConnect, canDisconnect, canEdit]) {
      const r = rule({ connectionState: state });
      if (!r.allowed) expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it("refuses to delete a store that still holds keys, saying how many", () => {
    const r = canDelete({ connectionState: "DISCONNECTED", keyCount: 2 });
    expect(r).toEqual({ allowed: false, reason: expect.stringContaining("2 KMS keys") });
  });

  it("allows new keys only with active HSMs in two Availability Zones", () => {
    const zones = (...active: number[]) => ({
      active: 0,
      total: 0,
      zones: active.map((a, i) => ({ availabilityZone: `us-east-1${"ab"[i]}`, active: a, total: 1 })),
    });
    expect(canCreateKeyIn({ connectionState: "CONNECTED", hsms: zones(1, 1) }).allowed).toBe(true);
    expect(canCreateKeyIn({ connectionState: "CONNECTED", hsms: zones(1, 0) }).allowed).toBe(false);
    expect(canCreateKeyIn({ connectionState: "DISCONNECTED", hsms: zones(1, 1) }).allowed).toBe(false);
  });
});
