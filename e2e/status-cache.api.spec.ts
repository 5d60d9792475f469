import { expect, test } from "./fixtures.ts";

test("the key stores list comes from the status cache, with its age and the backend's reachability", async ({ adminApi }) => {
  const refreshed = await adminApi.post("/api/key-stores/refresh");
  expect(refreshed.status()).toBe(200);
  expect(await refreshed.json()).toMatchObject({ backend: { reachable: true, lastErrorCode: null }, keyStores: expect.any(Number) });
  const list = (await (await adminApi.get("/api/key-stores")).json()) as {
    backend: { reachable: boolean; lastSuccessAt: string };
    keyStores: { checkedAt: string; readiness?: unknown[] }[];
  };
  expect(list.backend.reachable).toBe(true);
  for (const s of list.keyStores) expect(s.checkedAt).toEqual(expect.any(String));
});
