import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { unique } from "./support/console.ts";
import { E2E_BASE_URL, E2E_REGION } from "./support/e2e-env.ts";

// Who may manage users and access keys (admins), what everyone may do with their own account, and
// that a change to a user or key is seen by the very next signed request on /api/aws.

const PASSWORD = "e2e users api password 1";

// Every user created, signed in or re-passworded costs an scrypt hash at OWASP's cost (N = 2^17).
test.describe.configure({ timeout: 90_000 });

type Created = { userId: string; userName: string };

async function createUser(api: APIRequestContext, role: "admin" | "operator" | "viewer"): Promise<Created> {
  const userName = unique(`e2e-${role}`);
  const res = await api.post("/api/users", { data: { userName, role, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  return { userId: (await res.json()).user.userId, userName };
}

async function signIn(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  userName: string,
  password = PASSWORD,
) {
  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { "content-type": "application/json" } });
  const res = await api.post("/api/auth/login", { data: { userName, password } });
  expect(res.status(), await res.text()).toBe(200);
  return api;
}

async function createKey(api: APIRequestContext, path: string) {
  const res = await api.post(path);
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { accessKeyId: string; secretAccessKey: string };
}

function kmsAs(key: { accessKeyId: string; secretAccessKey: string }) {
  return new KMSClient({ endpoint: `${E2E_BASE_URL}/api/aws`, region: E2E_REGION, credentials: key, maxAttempts: 1 });
}

async function listKeysError(kms: KMSClient): Promise<string | undefined> {
  try {
    await kms.send(new ListKeysCommand({}));
    return undefined;
  } catch (e) {
    return (e as { name: string }).name;
  }
}

test("viewers and operators get 403 on every admin route; their own account works", async ({ adminApi, playwright }) => {
  const target = await createUser(adminApi, "viewer");
  for (const role of ["viewer", "operator"] as const) {
    const user = await createUser(adminApi, role);
    const api = await signIn(playwright, user.userName);
    const calls = [
      api.get("/api/users"),
      api.post("/api/users", { data: { userName: unique("nope"), role: "admin", password: PASSWORD } }),
      api.patch(`/api/users/${target.userId}`, { data: { action: "set-role", role: "admin" } }),
      api.patch(`/api/users/${user.userId}`, { data: { action: "set-role", role: "admin" } }),
      api.delete(`/api/users/${target.userId}`),
      api.post(`/api/users/${target.userId}/access-keys`),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status(), `${role}: ${res.url()}`).toBe(403);
      expect((await res.json()).error.code).toBe("AccessDeniedException");
    }
    // Their own account, keys included, is theirs to manage.
    const account = await api.get("/api/account");
    expect(account.status()).toBe(200);
    expect((await account.json()).user).toMatchObject({ userName: user.userName, role });
    const own = await createKey(api, "/api/account/access-keys");
    expect(own.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect((await api.get("/api/audit")).status()).toBe(200);
    await api.dispose();
  }
});

test("nobody sees a secret after it was created, nor reaches another user's key", async ({ adminApi, playwright }) => {
  const alice = await createUser(adminApi, "operator");
  const bob = await createUser(adminApi, "operator");
  const aliceKey = await createKey(adminApi, `/api/users/${alice.userId}/access-keys`);

  const list = await (await adminApi.get("/api/users")).text();
  expect(list).toContain(aliceKey.accessKeyId);
  expect(list).not.toContain(aliceKey.secretAccessKey);
  expect(list).not.toMatch(/secret|passwordHash|\$scrypt\$/i);

  const bobApi = await signIn(playwright, bob.userName);
  const account = await (await bobApi.get("/api/account")).text();
  expect(account).not.toContain(aliceKey.accessKeyId);
  for (const res of [
    await bobApi.patch(`/api/account/access-keys/${aliceKey.accessKeyId}`, { data: { status: "Inactive" } }),
    await bobApi.delete(`/api/account/access-keys/${aliceKey.accessKeyId}`),
  ]) {
    expect(res.status()).toBe(404);
    expect((await res.json()).error.code).toBe("NoSuchEntity");
  }
  // An admin reaches a key only under its own user, too.
  expect((await adminApi.delete(`/api/users/${bob.userId}/access-keys/${aliceKey.accessKeyId}`)).status()).toBe(404);
  expect(await listKeysError(kmsAs(aliceKey))).toBeUndefined();
  await bobApi.dispose();
});

test("at most 2 access keys per user: the third is LimitExceeded", async ({ adminApi }) => {
  const user = await createUser(adminApi, "viewer");
  await createKey(adminApi, `/api/users/${user.userId}/access-keys`);
  await createKey(adminApi, `/api/users/${user.userId}/access-keys`);
  const third = await adminApi.post(`/api/users/${user.userId}/access-keys`);
  expect(third.status()).toBe(409);
  expect((await third.json()).error.code).toBe("LimitExceeded");
});

test("a deactivated key, a deactivated user and a deleted user are refused by the very next signed request", async ({ adminApi }) => {
  const user = await createUser(adminApi, "operator");
  const key = await createKey(adminApi, `/api/users/${user.userId}/access-keys`);
  const kms = kmsAs(key);
  expect(await listKeysError(kms)).toBeUndefined();

  expect(
    (await adminApi.patch(`/api/users/${user.userId}/access-keys/${key.accessKeyId}`, { data: { status: "Inactive" } })).status(),
  ).toBe(200);
  expect(await listKeysError(kms)).toBe("UnrecognizedClientException");
  expect((await adminApi.patch(`/api/users/${user.userId}/access-keys/${key.accessKeyId}`, { data: { status: "Active" } })).status()).toBe(
    200,
  );
  expect(await listKeysError(kms)).toBeUndefined();

  expect((await adminApi.patch(`/api/users/${user.userId}`, { data: { action: "set-status", status: "Inactive" } })).status()).toBe(200);
  expect(await listKeysError(kms)).toBe("UnrecognizedClientException");
  expect((await adminApi.patch(`/api/users/${user.userId}`, { data: { action: "set-status", status: "Active" } })).status()).toBe(200);
  expect(await listKeysError(kms)).toBeUndefined();

  expect((await adminApi.delete(`/api/users/${user.userId}`)).status()).toBe(200);
  expect(await listKeysError(kms)).toBe("UnrecognizedClientException");
});

test("an admin cannot delete, deactivate or demote themselves", async ({ adminApi }) => {
  const me = (await (await adminApi.get("/api/account")).json()).user as { userId: string };
  for (const res of [
    await adminApi.delete(`/api/users/${me.userId}`),
    await adminApi.patch(`/api/users/${me.userId}`, { data: { action: "set-status", status: "Inactive" } }),
    await adminApi.patch(`/api/users/${me.userId}`, { data: { action: "set-role", role: "viewer" } }),
  ]) {
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toMatch(/your own user/);
  }
});

test("changing your own password needs the current one, and ends your other sessions", async ({ adminApi, playwright }) => {
  const user = await createUser(adminApi, "viewer");
  const first = await signIn(playwright, user.userName);
  const second = await signIn(playwright, user.userName);
  const wrong = await first.put("/api/account/password", { data: { currentPassword: "not it", newPassword: "a brand new password" } });
  expect(wrong.status()).toBe(400);
  expect((await wrong.json()).error.code).toBe("InvalidCurrentPassword");
  const ok = await first.put("/api/account/password", { data: { currentPassword: PASSWORD, newPassword: "a brand new password" } });
  expect(ok.status(), await ok.text()).toBe(200);
  expect((await first.get("/api/account")).status()).toBe(200);
  expect((await second.get("/api/account")).status()).toBe(401);
  await signIn(playwright, user.userName, "a brand new password");
  await first.dispose();
  await second.dispose();
});
