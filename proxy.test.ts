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

describe("security headers", () => {
  it("sends a CSP with a fresh nonce, also to Next in the request, and Permissions-Policy", () => {
    const a = proxy(new NextRequest("http://127.0.0.1:3000/login"));
    const b = proxy(new NextRequest("http://127.0.0.1:3000/keys", { headers: COOKIE }));
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    // NextResponse.next({ request: { headers } }) hands the request's CSP (and so the nonce) to Next.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(b.headers.get("x-middleware-request-content-security-policy")).toBe(b.headers.get("content-security-policy"));
    for (const r of [a, b, proxy(new NextRequest("http://127.0.0.1:3000/keys"))]) {
      expect(r.headers.get("permissions-policy")).toContain("camera=()");
      expect(r.headers.get("content-security-policy")).toBeTruthy();
    }
  });

  it("sends HSTS only behind TLS", () => {
    expect(proxy(new NextRequest("http://127.0.0.1:3000/login")).headers.get("strict-transport-security")).toBeNull();
    const tls = proxy(new NextRequest("http://127.0.0.1:3000/login", { headers: { "x-forwarded-proto": "https" } }));
    expect(tls.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(proxy(new NextRequest("https://keyhold.example.com/login")).headers.get("strict-transport-security")).toMatch(/^max-age/);
  });
});
