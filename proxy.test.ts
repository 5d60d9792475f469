import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "./proxy.ts";

const COOKIE = { cookie: `keyhold_session=${"a".repeat(43)}` };

describe("proxy", () => {
  it("answers a path with malformed percent-encoding with 400, for API routes and pages, before the router", async () => {
    for (const path of ["/api/keys/%ff", "/api/key-stores/%E0%A4%A/connect", "/api/clusters/%", "/keys/%ff"]) {
      const response = proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: COOKIE }));
      expect(response.status, path).toBe(400);
      expect(response.headers.get("x-request-id")).toBeTruthy();
      if (path.startsWith("/api/")) expect((await response.json()).error.code).toBe("ValidationException");
    }
  });

  it("lets well-formed encodings through", () => {
    const response = proxy(new NextRequest("http://127.0.0.1:3000/api/keys/alias%2Fmy-key", { headers: COOKIE }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});
