import { expect, test } from "./fixtures.ts";
import { E2E_ACCOUNT_ID, E2E_ADMIN, E2E_REGION } from "./support/e2e-env.ts";

test("sign-in sets an httpOnly, SameSite=Strict session cookie and returns no secret", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  const response = await api.post("/api/auth/login", { data: E2E_ADMIN });
  expect(response.status()).toBe(200);
  expect(response.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const body = await response.json();
  expect(Object.keys(body).sort()).toEqual(["expiresAt", "principalArn", "userName"]);
  expect(body.principalArn).toBe(`arn:aws:iam::${E2E_ACCOUNT_ID}:user/admin`);

  const setCookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  expect(setCookie).toMatch(/^keyhold_session=[A-Za-z0-9_-]{43};/);
  expect(setCookie).toMatch(/;\s*HttpOnly/i);
  expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
  expect(setCookie).toMatch(/;\s*Path=\//i);
  expect(setCookie).not.toMatch(/;\s*Secure/i); // plain http here; Secure is set behind https
  await api.dispose();
});

test("GET /api/me describes the signed-in user and the backend", async ({ adminApi }) => {
  const response = await adminApi.get("/api/me");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    userName: "admin",
    principalArn: `arn:aws:iam::${E2E_ACCOUNT_ID}:user/admin`,
    role: "admin",
    backend: "local",
    region: E2E_REGION,
    accountId: E2E_ACCOUNT_ID,
    sessionExpiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  });
});

test("sign-out ends the session for good", async ({ adminApi }) => {
  const out = await adminApi.post("/api/auth/logout");
  expect(out.status()).toBe(200);
  expect(await out.json()).toEqual({ signedOut: true });
  const me = await adminApi.get("/api/me");
  expect(me.status()).toBe(401);
  expect(await me.json()).toMatchObject({ error: { code: "Unauthenticated" } });
});

test("bad requests get the error envelope, never a stack", async ({ request }) => {
  const notJson = await request.post("/api/auth/login", { headers: { "content-type": "application/json" }, data: Buffer.from("{nope") });
  expect(notJson.status()).toBe(400);
  const body = await notJson.json();
  expect(body).toEqual({
    error: { code: "ValidationException", message: "The request body is not valid JSON." },
    requestId: expect.any(String),
  });

  const notObject = await request.post("/api/auth/login", { data: ["admin"] });
  expect(notObject.status()).toBe(400);
  expect((await notObject.json()).error.message).toBe("The request body must be a JSON object.");

  const missing = await request.post("/api/auth/login", { data: { userName: "admin" } });
  expect(missing.status()).toBe(400);
  expect((await missing.json()).error.code).toBe("ValidationException");
});

test("a sign-in posted from another site is refused", async ({ request }) => {
  const response = await request.post("/api/auth/login", { data: E2E_ADMIN, headers: { origin: "https://evil.example" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error.code).toBe("AccessDeniedException");
});

test("signing in again replaces the browser's previous session", async ({ playwright, baseURL }) => {
  const api = await playwright.request.newContext({ baseURL });
  expect((await api.post("/api/auth/login", { data: E2E_ADMIN })).status()).toBe(200);
  const first = (await api.storageState()).cookies.find((c) => c.name === "keyhold_session")!.value;
  expect((await api.post("/api/auth/login", { data: E2E_ADMIN })).status()).toBe(200);
  const second = (await api.storageState()).cookies.find((c) => c.name === "keyhold_session")!.value;
  expect(second).not.toBe(first);
  expect((await api.get("/api/me")).status()).toBe(200);

  const stale = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `keyhold_session=${first}` } });
  const me = await stale.get("/api/me");
  expect(me.status()).toBe(401);
  // The useless cookie is cleared.
  expect(me.headers()["set-cookie"]).toMatch(/^keyhold_session=;.*Expires=Thu, 01 Jan 1970/);
  await Promise.all([api.dispose(), stale.dispose()]);
});
