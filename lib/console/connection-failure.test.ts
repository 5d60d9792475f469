import { describe, expect, it } from "vitest";
import type { StatusChange } from "@/lib/schemas/key-stores.ts";
import { connectSteps, unresolvedFailure } from "./connection-failure.ts";

const change = (toState: string, at: string, errorCode: string | null = null): StatusChange => ({
  id: at,
  subjectType: "KEY_STORE",
  subjectId: "cks-1",
  fromState: null,
  toState,
  errorCode,
  at,
});

describe("unresolvedFailure (the fix steps stay until the store connects)", () => {
  const failedThenDisconnected = [
    change("CONNECTING", "2026-01-01T00:00:00.000Z"),
    change("FAILED", "2026-01-01T00:00:02.000Z", "INVALID_CREDENTIALS"),
    change("DISCONNECTING", "2026-01-01T00:01:00.000Z"),
    change("DISCONNECTED", "2026-01-01T00:01:01.000Z"),
  ];
  it("keeps the failure after Step 1: Disconnect", () => {
    expect(unresolvedFailure({ customKeyStoreId: "cks-1", connectionState: "DISCONNECTED" }, failedThenDisconnected)).toBe(
      "INVALID_CREDENTIALS",
    );
  });
  it("forgets it once the store has connected", () => {
    const history = [...failedThenDisconnected, change("CONNECTED", "2026-01-01T00:02:00.000Z")];
    expect(unresolvedFailure({ customKeyStoreId: "cks-1", connectionState: "CONNECTED" }, history)).toBeUndefined();
    expect(
      unresolvedFailure({ customKeyStoreId: "cks-1", connectionState: "DISCONNECTED" }, [
        ...history,
        change("DISCONNECTED", "2026-01-01T00:03:00.000Z"),
      ]),
    ).toBeUndefined();
  });
  it("uses the store's own code while FAILED, and ignores other subjects", () => {
    expect(unresolvedFailure({ customKeyStoreId: "cks-1", connectionState: "FAILED", connectionErrorCode: "USER_LOCKED_OUT" }, [])).toBe(
      "USER_LOCKED_OUT",
    );
    expect(unresolvedFailure({ customKeyStoreId: "cks-2", connectionState: "DISCONNECTED" }, failedThenDisconnected)).toBeUndefined();
  });
});

describe("connectSteps (the step a failure code stops)", () => {
  const failedStep = (code: string) =>
    connectSteps("FAILED", code).find((s) => s.status === "failed" && !s.label.startsWith("Failed"))?.label;
  it("INSUFFICIENT_CLOUDHSM_HSMS fails the cluster check, not the kmsuser login", () => {
    expect(failedStep("INSUFFICIENT_CLOUDHSM_HSMS")).toMatch(/checks the cluster/);
    expect(connectSteps("FAILED", "INSUFFICIENT_CLOUDHSM_HSMS").find((s) => s.label.includes("kmsuser"))?.status).toBe("todo");
  });
  it("INVALID_CREDENTIALS fails the login", () => {
    expect(failedStep("INVALID_CREDENTIALS")).toMatch(/kmsuser/);
  });
  it("INTERNAL_ERROR blames no step it cannot know", () => {
    expect(failedStep("INTERNAL_ERROR")).toBeUndefined();
  });
  it("DISCONNECTED after a failure: the cluster check and login are not shown as passed", () => {
    const steps = connectSteps("DISCONNECTED");
    expect(steps.filter((s) => s.status === "done").map((s) => s.label)).toEqual(["Connect requested"]);
  });
  it("CONNECTED: every step done", () => {
    expect(connectSteps("CONNECTED").every((s) => s.status === "done")).toBe(true);
  });
});
