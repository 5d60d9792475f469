import { describe, expect, it, vi } from "vitest";
import { ThrottlingError } from "@/lib/server/console/auth/login-throttle.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { errorResponse } from "./error-response.ts";

describe("errorResponse", () => {
  it("maps an AppError to its status, code and safe message only", async () => {
    const e = new AppError({
      code: "NotFoundException",
      safeMessage: "Key store cks-1 does not exist.",
      internalMessage: "row missing in table X",
    });
    const r = errorResponse(e, "req-1");
    expect(r.status).toBe(404);
    expect(r.headers.get("x-request-id")).toBe("req-1");
    expect(await r.json()).toEqual({
      error: { code: "NotFoundException", message: "Key store cks-1 does not exist." },
      requestId: "req-1",
    });
  });

  it("turns anything else into a generic 500 without the raw message or stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const r = errorResponse(new Error("SQLITE_CORRUPT at /work/data/keyhold.db"), "req-2");
    expect(r.status).toBe(500);
    const text = await r.text();
    expect(text).not.toContain("SQLITE");
    expect(text).not.toContain("at ");
    expect(JSON.parse(text)).toMatchObject({ error: { code: "InternalFailure" }, requestId: "req-2" });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("tells a throttled client when to retry", async () => {
    const r = errorResponse(new ThrottlingError(42), "req-3");
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("42");
    expect((await r.json()).error.code).toBe("ThrottlingException");
  });
});
