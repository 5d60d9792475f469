import { expect, test } from "./fixtures.ts";
import { unique } from "./support/console.ts";
import { createAwsKmsKey } from "./support/keys.ts";

// Editing a key's labels through the console API: tags (TagResource/UntagResource), aliases
// (CreateAlias/DeleteAlias), description (UpdateKeyDescription); field errors from the shared schemas
// and from KMS; the pending-deletion refusals of spec/kms-api.md §6.1.

type Detail = { key: { aliases: string[]; description: string; keyState: string }; tags: { tagKey: string; tagValue: string }[] };

test("bad input to the label routes gives field errors", async ({ adminApi }) => {
  const cases: { method: "post" | "put" | "delete"; path: string; data: unknown; fields: string[] }[] = [
    { method: "post", path: "/api/keys/any/tags", data: { tags: [{ tagKey: "aws:owner", tagValue: "x" }] }, fields: ["tags.0.tagKey"] },
    {
      method: "post",
      path: "/api/keys/any/tags",
      data: { tags: [{ tagKey: "", tagValue: "v".repeat(257) }] },
      fields: ["tags.0.tagKey", "tags.0.tagValue"],
    },
    { method: "post", path: "/api/keys/any/tags", data: { tags: [{ tagKey: "k".repeat(129), tagValue: "" }] }, fields: ["tags.0.tagKey"] },
    { method: "delete", path: "/api/keys/any/tags", data: { tagKeys: [] }, fields: ["tagKeys"] },
    { method: "post", path: "/api/keys/any/aliases", data: { aliasName: "aws/mine" }, fields: ["aliasName"] },
    { method: "post", path: "/api/keys/any/aliases", data: { aliasName: "alias/has space" }, fields: ["aliasName"] },
    { method: "post", path: "/api/keys/any/aliases", data: { aliasName: "a".repeat(251) }, fields: ["aliasName"] },
    { method: "delete", path: "/api/keys/any/aliases", data: { aliasName: "no-prefix" }, fields: ["aliasName"] },
    { method: "put", path: "/api/keys/any/description", data: { description: "d".repeat(8193) }, fields: ["description"] },
  ];
  for (const c of cases) {
    const r = await adminApi[c.method](c.path, { data: c.data });
    expect(r.status(), `${c.method} ${c.path} ${JSON.stringify(c.data).slice(0, 60)}`).toBe(400);
    const body = await r.json();
    expect(body.error.code).toBe("ValidationException");
    for (const f of c.fields) expect(body.error.fields, `${c.path} ${f}`).toHaveProperty([f]);
  }
});

test("tags, aliases and the description are edited through KMS; pending deletion refuses all but DeleteAlias", async ({ adminApi }) => {
  const { keyId, alias } = await createAwsKmsKey(adminApi, { description: "before" });
  const detail = async () => (await (await adminApi.get(`/api/keys/${keyId}`)).json()) as Detail;

  // Tags: add, replace the value, remove.
  expect((await adminApi.post(`/api/keys/${keyId}/tags`, { data: { tags: [{ tagKey: "env", tagValue: "dev" }] } })).status()).toBe(200);
  expect((await detail()).tags).toEqual([{ tagKey: "env", tagValue: "dev" }]);
  expect(
    (
      await adminApi.post(`/api/keys/${keyId}/tags`, {
        data: {
          tags: [
            { tagKey: "env", tagValue: "prod" },
            { tagKey: "team", tagValue: "" },
          ],
        },
      })
    ).status(),
  ).toBe(200);
  expect((await detail()).tags).toEqual(
    expect.arrayContaining([
      { tagKey: "env", tagValue: "prod" },
      { tagKey: "team", tagValue: "" },
    ]),
  );
  expect((await adminApi.delete(`/api/keys/${keyId}/tags`, { data: { tagKeys: ["env"] } })).status()).toBe(200);
  expect((await detail()).tags).toEqual([{ tagKey: "team", tagValue: "" }]);

  // Aliases: add, a name in use is refused beside the field, another key's alias cannot be deleted here.
  const second = `alias/${unique("e2e-second")}`;
  const created = await adminApi.post(`/api/keys/${keyId}/aliases`, { data: { aliasName: second } });
  expect(created.status(), await created.text()).toBe(201);
  expect((await detail()).key.aliases).toEqual(expect.arrayContaining([alias, second]));
  const dup = await adminApi.post(`/api/keys/${keyId}/aliases`, { data: { aliasName: alias.replace(/^alias\//, "") } });
  expect(dup.status()).toBe(400);
  expect((await dup.json()).error).toMatchObject({
    code: "AlreadyExistsException",
    fields: { aliasName: expect.stringContaining("already exists") },
  });
  const other = await createAwsKmsKey(adminApi);
  const foreign = await adminApi.delete(`/api/keys/${keyId}/aliases`, { data: { aliasName: other.alias } });
  expect(foreign.status()).toBe(404);
  expect((await (await adminApi.get(`/api/keys/${other.keyId}`)).json()).key.aliases).toEqual([other.alias]);
  expect((await adminApi.delete(`/api/keys/${keyId}/aliases`, { data: { aliasName: second } })).status()).toBe(200);
  expect((await detail()).key.aliases).toEqual([alias]);

  // Description: edit, then clear.
  expect((await adminApi.put(`/api/keys/${keyId}/description`, { data: { description: "after" } })).status()).toBe(200);
  expect((await detail()).key.description).toBe("after");
  expect((await adminApi.put(`/api/keys/${keyId}/description`, { data: { description: "" } })).status()).toBe(200);
  expect((await detail()).key.description).toBe("");

  // Pending deletion: TagResource, UntagResource, CreateAlias and UpdateKeyDescription fail; DeleteAlias works.
  const scheduled = await adminApi.post(`/api/keys/${keyId}/state`, { data: { action: "schedule-deletion", pendingWindowInDays: 7 } });
  expect(scheduled.status()).toBe(200);
  const refused = [
    await adminApi.post(`/api/keys/${keyId}/tags`, { data: { tags: [{ tagKey: "late", tagValue: "x" }] } }),
    await adminApi.delete(`/api/keys/${keyId}/tags`, { data: { tagKeys: ["team"] } }),
    await adminApi.post(`/api/keys/${keyId}/aliases`, { data: { aliasName: unique("e2e-late") } }),
    await adminApi.put(`/api/keys/${keyId}/description`, { data: { description: "late" } }),
  ];
  for (const r of refused) {
    expect(r.status()).toBe(400);
    expect((await r.json()).error.code).toBe("KMSInvalidStateException");
  }
  expect((await adminApi.delete(`/api/keys/${keyId}/aliases`, { data: { aliasName: alias } })).status()).toBe(200);
  expect((await detail()).key.aliases).toEqual([]);
});
