import path from "node:path";
import { expect, test } from "./fixtures.ts";
import {
  createKeyStore,
  createLocalCluster,
  fastForwardKeyDeletion,
  snap,
  unique,
  waitForState,
  type LocalCluster,
} from "./support/console.ts";

// The status cache on the pages: badges with their age, readiness checks, the connection-history
// timeline, on one store over a cluster of its own. The "backend unreachable" state, with a real
// outage, is in backend-outage.ui.spec.ts.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let cluster: LocalCluster;
let storeId = "";

const check = (page: import("@playwright/test").Page, id: string) => page.locator(`[data-testid="readiness-check"][data-check="${id}"]`);

test("a new store: readiness says what is missing, the badge says how old it is", async ({ adminPage: page, adminApi }) => {
  cluster = await createLocalCluster(adminApi);
  storeId = await createKeyStore(adminApi, cluster);
  await page.goto(`/key-stores/${storeId}`);
  await expect(page.getByTestId("readiness-card")).toBeVisible();
  await expect(check(page, "connected")).toHaveAttribute("data-status", "fail");
  await expect(check(page, "twoZones")).toHaveAttribute("data-status", "pass");
  await expect(check(page, "trustAnchor")).toHaveAttribute("data-status", "pass");
  await expect(check(page, "kmsuserLogin")).toHaveAttribute("data-status", "unknown");
  await expect(page.getByTestId("state-age").first()).toContainText(/checked/);
  await snap(page, "status-readiness-disconnected");
});

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
});

test("key material inventory: orphaned material left by a key deleted while disconnected, removed after confirmation", async ({
  adminPage: page,
  adminApi,
}) => {
  expect((await adminApi.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "CONNECTED");
  const created = await adminApi.post("/api/keys", {
    data: { origin: "AWS_CLOUDHSM", customKeyStoreId: storeId, alias: unique("e2e-inventory"), description: "", tags: [], policy: POLICY },
  });
  expect(created.status(), await created.text()).toBe(201);
  const keyId = ((await created.json()) as { keyId: string }).keyId;
  await page.goto(`/key-stores/${storeId}`);
  await page.getByTestId("run-inventory").click();
  await expect(page.getByText("Key material matches")).toBeVisible();

  // Deleted while the store is disconnected: KMS deletes the key but cannot reach its material.
  expect((await adminApi.post(`/api/key-stores/${storeId}/disconnect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "DISCONNECTED");
  expect(
    (await adminApi.post(`/api/keys/${keyId}/state`, { data: { action: "schedule-deletion", pendingWindowInDays: 7 } })).status(),
  ).toBe(200);
  fastForwardKeyDeletion(keyId);
  await expect.poll(async () => (await adminApi.get(`/api/keys/${keyId}`)).status(), { timeout: 75_000, intervals: [1_000] }).toBe(404);
  expect((await adminApi.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "CONNECTED");

  await page.reload();
  await page.getByTestId("run-inventory").click();
  const orphan = page.getByTestId("orphaned-material");
  await expect(orphan).toContainText(keyId);
  await orphan.scrollIntoViewIfNeeded();
  await snap(page, "status-inventory-orphaned");
  await orphan.getByRole("button", { name: "Remove" }).click();
  await page.getByRole("button", { name: "Remove key material" }).click();
  await expect(page.getByText("Key material matches")).toBeVisible();
  await snap(page, "status-inventory-clean");
});

test("connected, then an HSM removed: the cache follows and the timeline records it", async ({ adminPage: page, adminApi }) => {
  await waitForState(adminApi, storeId, "CONNECTED");
  await page.goto(`/key-stores/${storeId}`);
  await expect(check(page, "connected")).toHaveAttribute("data-status", "pass");
  await expect(check(page, "kmsuserLogin")).toHaveAttribute("data-status", "pass");
  await snap(page, "status-readiness-connected");

  const detail = (await (await adminApi.get(`/api/key-stores/${storeId}`)).json()) as { cluster: { hsms: { hsmId: string }[] } };
  const hsmId = detail.cluster.hsms[1]!.hsmId;
  expect((await adminApi.delete(`/api/clusters/${cluster.clusterId}/hsms/${hsmId}`)).status()).toBe(200);
  // React Query re-reads the cache: no reload.
  await expect(check(page, "twoZones")).toHaveAttribute("data-status", "fail", { timeout: 20_000 });
  await expect(page.getByTestId("timeline-entry").filter({ hasText: hsmId }).first()).toContainText("removed");
  await snap(page, "status-readiness-one-hsm");
  await page.getByTestId("connection-timeline").screenshot({ path: path.join("e2e", "screenshots", "status-timeline.png") });
});

test("a wrong kmsuser password: FAILED with its code in the list and the readiness checks", async ({ adminPage: page, adminApi }) => {
  expect((await adminApi.post(`/api/key-stores/${storeId}/disconnect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "DISCONNECTED");
  expect((await adminApi.patch(`/api/key-stores/${storeId}`, { data: { keyStorePassword: "WrongPass123" } })).status()).toBe(200);
  expect((await adminApi.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "FAILED");
  await page.goto(`/key-stores/${storeId}`);
  await expect(check(page, "kmsuserLogin")).toHaveAttribute("data-status", "fail");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("INVALID_CREDENTIALS");
  await snap(page, "status-readiness-failed");
  await page.goto("/key-stores");
  await expect(page.getByTestId("key-stores-table").getByTestId("cached-state").first()).toBeVisible();
  await snap(page, "status-badges-list");
});
