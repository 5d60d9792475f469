import { expect, test } from "./fixtures.ts";
import { isApiPath, isPublicPath } from "../lib/auth/public-paths.ts";
import { builtRoutes } from "./support/routes.ts";

// Walks EVERY route of the build (from Next's manifest): without a session, pages redirect to
// /login and API routes answer 401 — first at the proxy (no cookie), then in the layout and
// withSession (a well-formed cookie that names no session).

const routes = builtRoutes();
const protectedRoutes = routes.filter((r) => !isPublicPath(r.path));
const pages = protectedRoutes.filter((r) => !isApiPath(r.path));
const apis = protectedRoutes.filter((r) => isApiPath(r.path));
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const FORGED = { cookie: `keyhold_session=${"A".repeat(43)}` };

test("the manifest lists the console's pages and API routes", () => {
  const paths = routes.map((r) => r.path);
  for (const p of ["/login", "/key-stores", "/keys", "/clusters", "/audit", "/api/me", "/api/auth/login", "/api/auth/logout"]) {
    expect(paths).toContain(p);
  }
  expect(pages.length).toBeGreaterThanOrEqual(5);
  expect(apis.length).toBeGreaterThanOrEqual(2);
});

/** Next's own special pages (/_not-found, /_global-error): static error documents, never the console. */
const isNextInternal = (path: string) => /^\/_(?!next\/)/.test(path);

for (const route of pages) {
  test(`page ${route.pattern} redirects to sign-in without a session`, async ({ request }) => {
    for (const headers of [{}, FORGED]) {
      const what = `${route.path} with ${JSON.stringify(headers)}`;
      const response = await request.get(route.path, { maxRedirects: 0, headers });
      const body = await response.text();
      expect(body, what).not.toContain("Sign out");
      expect(body, what).not.toContain('aria-label="Console"');
      // A forged cookie gets past the proxy's presence check; Next's static error documents then
      // answer with their error status, and every page of ours redirects after the DB check.
      if (headers === FORGED && isNextInternal(route.path) && response.status() >= 400) continue;
      expect(response.status(), what).toBe(307);
      const location = new URL(response.headers()["location"] ?? "", "http://x");
      expect(location.pathname, what).toBe("/login");
      if (route.path !== "/") expect(location.searchParams.get("next"), what).toBe(route.path);
    }
  });
}

for (const route of apis) {
  test(`API ${route.pattern} answers 401 without a session, for every method`, async ({ request }) => {
    for (const method of METHODS) {
      for (const headers of [{}, FORGED]) {
        const response = await request.fetch(route.path, { method, maxRedirects: 0, headers, data: method === "GET" ? undefined : {} });
        const what = `${method} ${route.path} with ${JSON.stringify(headers)}`;
        // A forged cookie passes the proxy; a route without that method then answers 405 before any
        // handler runs, which still gives nothing away. Every handler that runs must say 401.
        if (headers !== FORGED || response.status() !== 405) {
          expect(response.status(), what).toBe(401);
          const body = await response.json();
          expect(body, what).toMatchObject({ error: { code: "Unauthenticated" }, requestId: expect.any(String) });
        }
      }
    }
  });
}

test("the public routes answer without a session", async ({ request }) => {
  const login = await request.get("/login", { maxRedirects: 0 });
  expect(login.status()).toBe(200);
  const signIn = await request.post("/api/auth/login", { data: { userName: "nobody", password: "wrong" } });
  expect(signIn.status()).toBe(401);
  expect(await signIn.json()).toMatchObject({ error: { code: "AuthenticationFailed", message: "Incorrect user name or password." } });
  const icon = await request.get("/icon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  const robots = await request.get("/robots.txt", { maxRedirects: 0 });
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain("Disallow: /");
});

test("a trailing slash redirects to the path without it, except on /api/aws/, where the AWS SDKs post", async ({ request }) => {
  for (const [from, to] of [
    ["/key-stores/", "/key-stores"],
    ["/api/me/?x=1", "/api/me?x=1"],
    ["/login/", "/login"],
  ]) {
    const response = await request.get(from!, { maxRedirects: 0 });
    expect(response.status(), from).toBe(308);
    const location = new URL(response.headers()["location"] ?? "", "http://x");
    expect(location.pathname + location.search, from).toBe(to);
  }
  // The SigV4 endpoint itself answers, with the KMS error for an unsigned request.
  const aws = await request.post("/api/aws/", {
    headers: { "x-amz-target": "TrentService.ListKeys", "content-type": "application/x-amz-json-1.1" },
    data: "{}",
  });
  expect(aws.status()).toBe(400);
  expect(await aws.json()).toMatchObject({ __type: "MissingAuthenticationTokenException" });
});
