import { expect, test } from "./fixtures.ts";
import { E2E_ADMIN } from "./support/e2e-env.ts";

// The probe's findings against the real server (server.ts in front of the production build).

const COOKIE_43 = { cookie: `keyhold_session=${"a".repeat(43)}` };

test("a path with malformed percent-encoding is 400, for API routes and pages", async ({ request }) => {
  for (const path of ["/api/keys/%ff", "/api/key-stores/%E0%A4%A", "/keys/%ff"]) {
    const response = await request.get(path, { headers: COOKIE_43, maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
  const api = await request.get("/api/keys/%ff", { headers: COOKIE_43 });
  expect(await api.json()).toMatchObject({ error: { code: "ValidationException" }, requestId: expect.any(String) });
});

test("a forged X-Forwarded-For does not get around the sign-in throttle", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const userName = `xff-${Date.now()}`;
  const statuses: number[] = [];
  for (let i = 0; i < 7; i++) {
    const response = await api.post("/api/auth/login", {
      data: { userName, password: "wrong password 123" },
      headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
    });
    statuses.push(response.status());
  }
  // Five checked from the one real address (the forged ones are replaced by it), then throttled.
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  await api.dispose();
});

test("a long User-Agent is cut and does not slow the server; headers past 16 KiB are refused", async ({ request }) => {
  const ua = "U".repeat(15_000);
  const started = Date.now();
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      request.post("/api/aws", { headers: { "user-agent": ua, "x-amz-target": "TrentService.ListKeys" }, data: "{}" }),
    ),
  );
  expect(answers.map((a) => a.status())).toEqual(Array(8).fill(400));
  const page = await request.get("/login", { headers: { "user-agent": ua } });
  expect(page.status()).toBe(200);
  expect(Date.now() - started).toBeLessThan(5_000);
  const huge = await request.get("/login", { headers: { "x-filler": "x".repeat(17 * 1024) } });
  expect(huge.status()).toBe(431);
});

test("pages carry a CSP whose nonce is on every script, Permissions-Policy, and no HSTS over plain http", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toBeUndefined();
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, tag).toContain(`nonce="${nonce}"`);
  // A forged X-Forwarded-Proto from a client that is no trusted proxy does not turn HSTS on.
  const forged = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(forged.headers()["strict-transport-security"]).toBeUndefined();
});

test("the same-origin check does not believe X-Forwarded-Host", async ({ request }) => {
  const response = await request.post("/api/auth/login", {
    data: E2E_ADMIN,
    headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
  });
  expect(response.status()).toBe(403);
});

test("state-changing requests need Content-Type: application/json, bodyless ones too", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  expect((await api.post("/api/auth/login", { data: E2E_ADMIN })).status()).toBe(200);
  const refused = await api.post("/api/auth/logout", { headers: { "content-type": "text/plain" } });
  expect(refused.status()).toBe(415);
  expect(await refused.json()).toMatchObject({ error: { code: "UnsupportedMediaType" } });
  expect((await api.post("/api/key-stores/refresh")).status()).toBe(415);
  expect((await api.get("/api/me")).status()).toBe(200);
  expect((await api.post("/api/auth/logout", { headers: { "content-type": "application/json" } })).status()).toBe(200);
  await api.dispose();
});
