import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { E2E_ACCOUNT_ID, E2E_ADMIN, E2E_OPERATOR, E2E_VIEWER } from "./support/e2e-env.ts";
import { unique } from "./support/console.ts";

// Crawls EVERY console API route, found by reading app/api from the filesystem (a new route file is
// covered without editing this spec), with every method its route.ts exports: no session, a forged
// cookie, each role; a CSRF run on every mutating method; fuzzed bodies and path segments. Never a 5xx,
// never data for a caller the route refuses.

/** permissions: the permission named in each exported method's withSession (null: none, or a public route). */
type ApiRoute = { pattern: string; methods: string[]; permissions: Record<string, string | null>; file: string };

const API_DIR = path.resolve("app/api");
const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(full) : d.name === "route.ts" ? [full] : [];
  });
}

const routes: ApiRoute[] = routeFiles(API_DIR)
  .map((file) => {
    const source = fs.readFileSync(file, "utf8");
    const methods = ALL_METHODS.filter((m) => new RegExp(`export (const|async function|function) ${m}\\b`).test(source));
    const pattern = "/api/" + path.relative(API_DIR, path.dirname(file)).split(path.sep).join("/");
    const permissions = Object.fromEntries(
      methods.map((m) => {
        const from = source.search(new RegExp(`export (const|async function|function) ${m}\\b`));
        const next = source.slice(from + 1).search(/\nexport (const|async function|function) /);
        const body = source.slice(from, next === -1 ? undefined : from + 1 + next);
        return [m, /permission: "([\w:]+)"/.exec(body)?.[1] ?? null];
      }),
    );
    return { pattern, methods, permissions, file };
  })
  .filter((r) => r.pattern !== "/api/aws") // SigV4, not a console route: its own specs crawl it.
  .sort((a, b) => a.pattern.localeCompare(b.pattern));

const PUBLIC = new Set(["/api/auth/login"]);
const fill = (pattern: string, value = "e2e-sample-id") => pattern.replace(/\[[^\]]+\]/g, value);
const FORGED = { cookie: `keyhold_session=${"A".repeat(43)}` };
const JSON_TYPE = { "content-type": "application/json" };

/** Roles and what a read-only permission lets them do: viewers hold only the :read permissions. */
const ROLES = { admin: E2E_ADMIN, operator: E2E_OPERATOR, viewer: E2E_VIEWER } as const;
type RoleName = keyof typeof ROLES;
function roleMayCall(role: RoleName, permission: string | null): boolean {
  if (!permission || permission.endsWith(":read")) return true;
  if (role === "admin") return true;
  if (role === "viewer") return false;
  return !["clusters:kmsuser", "users:manage", "settings:manage"].includes(permission);
}

async function signIn(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string, role: RoleName) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: JSON_TYPE });
  const r = await api.post("/api/auth/login", { data: ROLES[role] });
  expect(r.status(), `sign-in as ${role}: ${await r.text()}`).toBe(200);
  return api;
}

/** Not a server fault, and if refused, nothing but the error envelope. */
async function expectSafe(response: APIResponse, what: string): Promise<void> {
  expect(response.status(), `${what}: ${(await response.text()).slice(0, 300)}`).toBeLessThan(500);
  if (response.status() === 401 || response.status() === 403) {
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort(), what).toEqual(["error", "requestId"]);
  }
}

const send = (api: APIRequestContext, method: string, url: string, options: Parameters<APIRequestContext["fetch"]>[1] = {}) =>
  api.fetch(url, { method, maxRedirects: 0, ...options });

test("the crawl found the console's routes and their methods", () => {
  const patterns = routes.map((r) => r.pattern);
  for (const p of ["/api/me", "/api/keys/[id]/encrypt", "/api/clusters/[id]", "/api/clusters/[id]/kmsuser-session", "/api/settings"])
    expect(patterns).toContain(p);
  expect(routes.every((r) => r.methods.length > 0)).toBe(true);
});

for (const route of routes) {
  test.describe(`${route.pattern}`, () => {
    test("no session and a forged cookie: 401 for each exported method, 405 or 401 for the others, never a 5xx", async ({ request }) => {
      for (const method of ALL_METHODS) {
        for (const headers of [JSON_TYPE, { ...JSON_TYPE, ...FORGED }]) {
          const what = `${method} ${route.pattern} ${headers === JSON_TYPE ? "without a session" : "with a forged cookie"}`;
          const r = await send(request, method, fill(route.pattern), { headers, data: method === "GET" ? undefined : {} });
          await expectSafe(r, what);
          if (PUBLIC.has(route.pattern)) continue;
          if (route.methods.includes(method)) expect(r.status(), what).toBe(401);
          else expect([401, 405], what).toContain(r.status());
        }
      }
    });

    test("each role: refused without the permission, never a 5xx", async ({ playwright, baseURL }) => {
      for (const role of Object.keys(ROLES) as RoleName[]) {
        const api = await signIn(playwright, baseURL!, role);
        for (const method of route.methods) {
          if (route.pattern === "/api/auth/logout") continue; // signing out ends the session this loop uses
          const what = `${method} ${route.pattern} as ${role}`;
          const r = await send(api, method, fill(route.pattern), { data: method === "GET" ? undefined : {} });
          await expectSafe(r, what);
          const allowed = PUBLIC.has(route.pattern) || roleMayCall(role, route.permissions[method] ?? null);
          if (!allowed) {
            expect(r.status(), what).toBe(403);
            expect((await r.json()).error.code, what).toBe("AccessDeniedException");
          } else expect(r.status(), `${what}: ${(await r.text()).slice(0, 300)}`).not.toBe(403);
        }
        await api.dispose();
      }
    });

    const mutating = route.methods.filter((m) => MUTATING.has(m));
    if (mutating.length > 0) {
      test("CSRF: a cross-site Origin, Sec-Fetch-Site cross-site, and form or text bodies without an Origin are refused", async ({
        playwright,
        baseURL,
      }) => {
        const api = await signIn(playwright, baseURL!, "admin");
        for (const method of mutating) {
          const url = fill(route.pattern);
          for (const [headers, status] of [
            [{ ...JSON_TYPE, origin: "https://evil.example" }, 403],
            [{ ...JSON_TYPE, origin: "null" }, 403],
            [{ ...JSON_TYPE, "sec-fetch-site": "cross-site" }, 403],
            [{ "content-type": "text/plain" }, 415],
            [{ "content-type": "application/x-www-form-urlencoded" }, 415],
            [{ "content-type": "multipart/form-data; boundary=x" }, 415],
          ] as const) {
            const what = `${method} ${route.pattern} with ${JSON.stringify(headers)}`;
            const r = await send(api, method, url, { headers, data: '{"a":1}' });
            await expectSafe(r, what);
            expect(r.status(), what).toBe(status);
          }
        }
        // The session still works: nothing above signed it out or changed it.
        expect((await api.get("/api/me")).status()).toBe(200);
        await api.dispose();
      });

      test("fuzzed bodies: wrong types, huge strings, deep nesting, unicode, prototype keys — never a 5xx", async ({
        playwright,
        baseURL,
      }) => {
        test.setTimeout(120_000);
        const api = await signIn(playwright, baseURL!, "admin");
        const deep = "[".repeat(20_000) + "]".repeat(20_000);
        const bodies: string[] = [
          "",
          "{",
          "null",
          "[]",
          '"text"',
          "12345678901234567890",
          "true",
          deep,
          JSON.stringify({ a: "x".repeat(1_000_000) }),
          JSON.stringify({ kmsuserPassword: 7, plaintext: ["x"], availabilityZones: "us-east-1a", keyState: {}, tags: "x", policy: 1 }),
          JSON.stringify({ name: "\u0000\u202e\ud83d\udd11 ключ", description: "\ud800", aliasName: "alias/💥" }),
          '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
          JSON.stringify(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]))),
        ];
        for (const method of mutating) {
          if (route.pattern === "/api/auth/logout") continue;
          for (const body of bodies) {
            const r = await send(api, method, fill(route.pattern), { headers: JSON_TYPE, data: body });
            await expectSafe(r, `${method} ${route.pattern} with body ${body.slice(0, 60)}…`);
          }
        }
        const me = await api.get("/api/me");
        expect(me.status()).toBe(200);
        expect(JSON.stringify(await me.json())).not.toContain("polluted");
        await api.dispose();
      });
    }

    if (route.pattern.includes("[")) {
      test("fuzzed path segments (%ff, .., very long, unicode, NUL) — never a 5xx", async ({ playwright, baseURL }) => {
        const api = await signIn(playwright, baseURL!, "admin");
        const segments = [
          "%ff",
          "%E0%A4%A",
          "..",
          "%2e%2e",
          "%2F",
          "a".repeat(4_000),
          "%00",
          encodeURIComponent("ключ💥"),
          "alias%2Fx",
          "undefined",
        ];
        for (const method of route.methods) {
          if (route.pattern === "/api/auth/logout") continue;
          for (const segment of segments) {
            const what = `${method} ${fill(route.pattern, segment.slice(0, 40))}`;
            const r = await send(api, method, fill(route.pattern, segment), {
              headers: JSON_TYPE,
              data: method === "GET" ? undefined : {},
            });
            expect(r.status(), `${what}: ${(await r.text()).slice(0, 300)}`).toBeLessThan(500);
          }
        }
        await api.dispose();
      });
    }
  });
}

test.describe("Try-it encrypt and decrypt defer to the key policy, as the wire does", () => {
  const policy = (extra: object[]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${E2E_ACCOUNT_ID}:root` }, Action: "kms:*", Resource: "*" },
        ...extra,
      ],
    });
  const viewerArn = `arn:aws:iam::${E2E_ACCOUNT_ID}:user/${E2E_VIEWER.userName}`;

  test("a viewer named in the key policy encrypts and decrypts; a viewer not named gets AccessDeniedException", async ({
    adminApi,
    playwright,
    baseURL,
  }) => {
    const create = async (statements: object[]) => {
      const r = await adminApi.post("/api/keys", {
        data: { origin: "AWS_KMS", alias: unique("e2e-policy"), description: "", tags: [], policy: policy(statements) },
      });
      expect(r.status(), await r.text()).toBe(201);
      return ((await r.json()) as { keyId: string }).keyId;
    };
    const named = await create([
      { Sid: "viewer", Effect: "Allow", Principal: { AWS: viewerArn }, Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" },
    ]);
    const notNamed = await create([]);
    const viewer = await signIn(playwright, baseURL!, "viewer");

    const encrypted = await viewer.post(`/api/keys/${named}/encrypt`, { data: { plaintext: "hello", encryptionContext: [] } });
    expect(encrypted.status(), await encrypted.text()).toBe(200);
    const { ciphertextBlob } = (await encrypted.json()) as { ciphertextBlob: string };
    const decrypted = await viewer.post(`/api/keys/${named}/decrypt`, { data: { ciphertextBlob, encryptionContext: [] } });
    expect(decrypted.status(), await decrypted.text()).toBe(200);
    expect(await decrypted.json()).toMatchObject({ plaintext: "hello" });

    const refused = await viewer.post(`/api/keys/${notNamed}/encrypt`, { data: { plaintext: "hello", encryptionContext: [] } });
    expect(refused.status()).toBe(403);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("AccessDeniedException");
    expect(body.error.message).toContain(E2E_VIEWER.userName);
    // The admin's ciphertext under that key cannot be decrypted by the viewer either.
    const adminCipher = (await (
      await adminApi.post(`/api/keys/${notNamed}/encrypt`, { data: { plaintext: "x", encryptionContext: [] } })
    ).json()) as {
      ciphertextBlob: string;
    };
    const refusedDecrypt = await viewer.post(`/api/keys/${notNamed}/decrypt`, {
      data: { ciphertextBlob: adminCipher.ciphertextBlob, encryptionContext: [] },
    });
    expect(refusedDecrypt.status()).toBe(403);
    expect(((await refusedDecrypt.json()) as { error: { code: string } }).error.code).toBe("AccessDeniedException");
    await viewer.dispose();
  });
});
