import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, unique, waitForState } from "./support/console.ts";

// The console's JSON API as the pages use it: field errors from the shared schemas, KMS errors with
// their names, request IDs, and never a secret in an answer.

test.describe.configure({ timeout: 60_000 });

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
});

test("bad input in every form gives field errors (and nothing is created)", async ({ adminApi }) => {
  const cases: { method: "post" | "patch" | "put"; path: string; data: unknown; fields: string[] }[] = [
    {
      method: "post",
      path: "/api/key-stores",
      data: { customKeyStoreName: "", cloudHsmClusterId: "nope", trustAnchorCertificate: "x", keyStorePassword: "a!" },
      fields: ["customKeyStoreName", "cloudHsmClusterId", "trustAnchorCertificate", "keyStorePassword"],
    },
    { method: "patch", path: "/api/key-stores/cks-00000000000000000", data: { keyStorePassword: "short" }, fields: ["keyStorePassword"] },
    {
      method: "post",
      path: "/api/keys",
      data: { origin: "AWS_CLOUDHSM", alias: "aws/x", description: "", tags: [{ tagKey: "aws:x", tagValue: "" }], policy: "{" },
      fields: ["customKeyStoreId", "alias", "tags.0.tagKey", "policy"],
    },
    {
      method: "post",
      path: "/api/keys/any/state",
      data: { action: "schedule-deletion", pendingWindowInDays: 31 },
      fields: ["pendingWindowInDays"],
    },
    { method: "put", path: "/api/keys/any/policy", data: { policy: '{"Statement": []}' }, fields: ["policy"] },
    {
      method: "post",
      path: "/api/keys/any/encrypt",
      data: { plaintext: "", encryptionContext: [{ key: "", value: "v" }] },
      fields: ["plaintext", "encryptionContext.0.key"],
    },
    {
      method: "post",
      path: "/api/keys/any/decrypt",
      data: { ciphertextBlob: "not base64!", encryptionContext: [] },
      fields: ["ciphertextBlob"],
    },
    {
      method: "post",
      path: "/api/clusters",
      data: { availabilityZones: [], createHsms: true, kmsuserPassword: "x" },
      fields: ["availabilityZones", "kmsuserPassword"],
    },
    { method: "post", path: "/api/clusters/cluster-abcdefghijk/hsms", data: { availabilityZone: "mars" }, fields: ["availabilityZone"] },
  ];
  const before = await (await adminApi.get("/api/key-stores")).json();
  for (const c of cases) {
    const r = await adminApi[c.method](c.path, { data: c.data });
    expect(r.status(), `${c.method} ${c.path}`).toBe(400);
    const body = await r.json();
    expect(body.error.code).toBe("ValidationException");
    expect(body.requestId).toEqual(expect.any(String));
    for (const f of c.fields) expect(body.error.fields, `${c.path} ${f}`).toHaveProperty([f]);
  }
  expect((await (await adminApi.get("/api/key-stores")).json()).totalStores).toBe(before.totalStores);
});

test("unknown stores and keys answer 404 with the KMS error name and a request ID", async ({ adminApi }) => {
  const store = await adminApi.get("/api/key-stores/cks-00000000000000000");
  expect(store.status()).toBe(404);
  expect(await store.json()).toMatchObject({ error: { code: "CustomKeyStoreNotFoundException" }, requestId: expect.any(String) });
  const key = await adminApi.get("/api/keys/11111111-2222-3333-4444-555555555555");
  expect(key.status()).toBe(404);
  expect((await key.json()).error.code).toBe("NotFoundException");
});

test("the store and key lifecycle through the API, as the pages drive it", async ({ adminApi }) => {
  const cluster = await createLocalCluster(adminApi);
  const name = unique("e2e-api-store");
  const id = await createKeyStore(adminApi, cluster, name);

  // Secrets are never answered back.
  const detail = await adminApi.get(`/api/key-stores/${id}`);
  expect(await detail.text()).not.toContain(cluster.password);
  const listText = await (await adminApi.get("/api/key-stores")).text();
  expect(listText).not.toContain(cluster.password);

  // Exactly the same request again is idempotent (KMS answers the existing store) …
  const same = await adminApi.post("/api/key-stores", {
    data: {
      customKeyStoreName: name,
      cloudHsmClusterId: cluster.clusterId,
      trustAnchorCertificate: cluster.trustAnchor,
      keyStorePassword: cluster.password,
    },
  });
  expect((await same.json()).keyStore.customKeyStoreId).toBe(id);
  // … but the same name with other values is refused beside the name field.
  const dup = await adminApi.post("/api/key-stores", {
    data: {
      customKeyStoreName: name,
      cloudHsmClusterId: cluster.clusterId,
      trustAnchorCertificate: cluster.trustAnchor,
      keyStorePassword: "Different1",
    },
  });
  expect(dup.status()).toBe(400);
  expect((await dup.json()).error).toMatchObject({
    code: "CustomKeyStoreNameInUseException",
    fields: { customKeyStoreName: expect.any(String) },
  });

  // A key cannot be created while the store is disconnected.
  const keyBody = { origin: "AWS_CLOUDHSM", customKeyStoreId: id, alias: unique("e2e-api-key"), description: "", tags: [], policy: POLICY };
  const early = await adminApi.post("/api/keys", { data: keyBody });
  expect(early.status()).toBe(400);
  expect((await early.json()).error).toMatchObject({
    code: "CustomKeyStoreInvalidStateException",
    fields: { customKeyStoreId: expect.any(String) },
  });

  const connect = await adminApi.post(`/api/key-stores/${id}/connect`);
  expect(connect.status()).toBe(200);
  expect(["CONNECTING", "CONNECTED"]).toContain((await connect.json()).keyStore.connectionState);
  await waitForState(adminApi, id, "CONNECTED");

  const created = await adminApi.post("/api/keys", { data: keyBody });
  expect(created.status(), await created.text()).toBe(201);
  const { keyId } = await created.json();
  // The alias is taken now: a second key with it is refused before anything is created.
  const again = await adminApi.post("/api/keys", { data: keyBody });
  expect((await again.json()).error).toMatchObject({ code: "AlreadyExistsException", fields: { alias: expect.any(String) } });
  const inStore = (await (await adminApi.get(`/api/key-stores/${id}`)).json()).keys;
  expect(inStore.map((k: { keyId: string }) => k.keyId)).toEqual([keyId]);

  const enc = await adminApi.post(`/api/keys/${keyId}/encrypt`, {
    data: { plaintext: "hi", encryptionContext: [{ key: "a", value: "b" }] },
  });
  const { ciphertextBlob } = await enc.json();
  const dec = await adminApi.post(`/api/keys/${keyId}/decrypt`, {
    data: { ciphertextBlob, encryptionContext: [{ key: "a", value: "b" }] },
  });
  expect(await dec.json()).toMatchObject({ plaintext: "hi", plaintextIsUtf8: true });

  // A policy that would lock the caller out is refused beside the policy editor.
  const lockout = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "kms:*", Resource: "*" }],
  });
  const put = await adminApi.put(`/api/keys/${keyId}/policy`, { data: { policy: lockout } });
  expect((await put.json()).error).toMatchObject({ code: "MalformedPolicyDocumentException", fields: { policy: expect.any(String) } });

  // Disconnected: the key is Unavailable and refuses to encrypt; the store cannot be deleted with a key in it.
  await adminApi.post(`/api/key-stores/${id}/disconnect`);
  await waitForState(adminApi, id, "DISCONNECTED");
  expect((await (await adminApi.get(`/api/keys/${keyId}`)).json()).key.keyState).toBe("Unavailable");
  const refused = await adminApi.post(`/api/keys/${keyId}/encrypt`, { data: { plaintext: "hi", encryptionContext: [] } });
  expect((await refused.json()).error.code).toBe("KMSInvalidStateException");
  const disabled = await adminApi.post(`/api/keys/${keyId}/state`, { data: { action: "disable" } });
  expect(await disabled.json()).toMatchObject({ keyState: "Unavailable" });
  const del = await adminApi.delete(`/api/key-stores/${id}`);
  expect(del.status()).toBe(400);
  expect((await del.json()).error.code).toBe("CustomKeyStoreHasCMKsException");

  // Reconnected, the key comes back in the state chosen while it was unavailable (Disabled).
  await adminApi.post(`/api/key-stores/${id}/connect`);
  await waitForState(adminApi, id, "CONNECTED");
  expect((await (await adminApi.get(`/api/keys/${keyId}`)).json()).key.keyState).toBe("Disabled");

  // One HSM left: KMS refuses new keys with the documented reason.
  const clusters = (await (await adminApi.get("/api/clusters")).json()).clusters as {
    clusterId: string;
    hsms: { hsmId: string; availabilityZone: string }[];
  }[];
  const hsm = clusters.find((c) => c.clusterId === cluster.clusterId)!.hsms.find((h) => h.availabilityZone === "us-east-1b")!;
  expect((await adminApi.delete(`/api/clusters/${cluster.clusterId}/hsms/${hsm.hsmId}`)).status()).toBe(200);
  const noHsms = await adminApi.post("/api/keys", { data: { ...keyBody, alias: unique("e2e-api-key") } });
  expect(noHsms.status()).toBe(400);
  expect((await noHsms.json()).error.code).toBe("CloudHsmClusterInvalidConfigurationException");
  const added = await adminApi.post(`/api/clusters/${cluster.clusterId}/hsms`, { data: { availabilityZone: "us-east-1b" } });
  expect(added.status()).toBe(201);
  expect((await added.json()).hsm).toMatchObject({ availabilityZone: "us-east-1b", state: "ACTIVE" });
  // Leave the store disconnected, so it does not hold HSM sessions.
  await adminApi.post(`/api/key-stores/${id}/disconnect`);
});
