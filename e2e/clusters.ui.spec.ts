import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, waitForState } from "./support/console.ts";

/** The console refuses bodyless writes without Content-Type: application/json (CSRF). */
const JSON_TYPE = { headers: { "content-type": "application/json" } };

// The Clusters page as an administrator uses it for kmsuser (what the CloudHSM CLI does on AWS) and to
// delete a cluster: each state seen at 1440 and 390 px. The service side of each is proved in
// lib/server/kms-service/cloudhsm/kmsuser-lifecycle.test.ts.

async function snapBoth(page: Page, name: string): Promise<void> {
  await snap(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("kmsuser logged in with the CLI: the store fails with USER_LOGGED_IN, its fix links here, logging out lets KMS connect", async ({
  adminPage: page,
}) => {
  test.setTimeout(120_000);
  const cluster = await createLocalCluster(page.request);
  const storeId = await createKeyStore(page.request, cluster);
  await page.goto("/clusters");
  const card = page.locator(`[data-cluster-id="${cluster.clusterId}"]`);
  const kmsuser = card.getByRole("region", { name: `kmsuser on ${cluster.clusterId}` });
  await expect(kmsuser.getByText("Logged out", { exact: true })).toBeVisible();

  await kmsuser.getByRole("button", { name: "Log in as kmsuser" }).click();
  const dialog = page.getByRole("dialog", { name: "Log in as kmsuser" });
  await dialog.getByLabel("kmsuser password", { exact: true }).fill(cluster.password);
  await dialog.getByRole("button", { name: "Log in" }).click();
  await expect(dialog).toBeHidden();
  await expect(kmsuser.getByText("Logged in (CloudHSM CLI)")).toBeVisible();
  await expect(kmsuser.getByRole("button", { name: "Set kmsuser password" })).toHaveAttribute("aria-disabled", "true");
  await card.scrollIntoViewIfNeeded();
  await snapBoth(page, "clusters-kmsuser-logged-in");

  // KMS cannot log in while kmsuser is: the connect fails with USER_LOGGED_IN.
  expect((await page.request.post(`/api/key-stores/${storeId}/connect`, JSON_TYPE)).status()).toBe(200);
  await waitForState(page.request, storeId, "FAILED");
  await page.goto(`/key-stores/${storeId}`);
  const failed = page.getByTestId("failed-panel");
  await expect(failed).toContainText("USER_LOGGED_IN");
  await failed.getByRole("link", { name: `kmsuser on cluster ${cluster.clusterId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters#kmsuser-${cluster.clusterId}$`));
  await expect(kmsuser).toBeInViewport();

  await kmsuser.getByRole("button", { name: "Log kmsuser out" }).click();
  await expect(kmsuser.getByText("Logged out", { exact: true })).toBeVisible();

  expect((await page.request.post(`/api/key-stores/${storeId}/disconnect`, JSON_TYPE)).status()).toBe(200);
  await waitForState(page.request, storeId, "DISCONNECTED");
  expect((await page.request.post(`/api/key-stores/${storeId}/connect`, JSON_TYPE)).status()).toBe(200);
  await waitForState(page.request, storeId, "CONNECTED");
  await page.reload();
  await expect(kmsuser.getByText("Logged in by KMS")).toBeVisible();
  await expect(kmsuser.getByRole("button", { name: "Log in as kmsuser" })).toHaveAttribute("aria-disabled", "true");
  await snapBoth(page, "clusters-kmsuser-kms");

  // The starting password no longer works: KMS rotated it when it connected.
  expect((await page.request.post(`/api/key-stores/${storeId}/disconnect`, JSON_TYPE)).status()).toBe(200);
  await waitForState(page.request, storeId, "DISCONNECTED");
  const stale = await page.request.post(`/api/clusters/${cluster.clusterId}/kmsuser-session`, {
    data: { kmsuserPassword: cluster.password },
  });
  expect([400, 409]).toContain(stale.status());
  expect(((await stale.json()) as { error: { message: string } }).error.message).toBe("The kmsuser password is not valid.");
});

test("five wrong kmsuser logins lock it out; setting its password unlocks it", async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const cluster = await createLocalCluster(page.request);
  for (let i = 0; i < 5; i++) {
    const r = await page.request.post(`/api/clusters/${cluster.clusterId}/kmsuser-session`, { data: { kmsuserPassword: "WrongPass123" } });
    expect(r.status(), await r.text()).toBeGreaterThanOrEqual(400);
    expect(r.status()).toBeLessThan(500);
  }
  await page.goto("/clusters");
  const kmsuser = page.locator(`#kmsuser-${cluster.clusterId}`);
  await expect(kmsuser.getByText("Locked out", { exact: true })).toBeVisible();
  await expect(kmsuser.getByRole("button", { name: "Log in as kmsuser" })).toHaveAttribute("aria-disabled", "true");
  await kmsuser.scrollIntoViewIfNeeded();
  await snapBoth(page, "clusters-kmsuser-locked");

  await kmsuser.getByRole("button", { name: "Set kmsuser password" }).click();
  const dialog = page.getByRole("dialog", { name: "Set kmsuser password" });
  await dialog.getByLabel("New kmsuser password", { exact: true }).fill("Unlocked12345");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog).toBeHidden();
  await expect(kmsuser.getByText("Logged out", { exact: true })).toBeVisible();
});

test("a cluster is deleted only once its HSMs are gone, after a confirmation that names the key store using it", async ({
  adminPage: page,
}) => {
  test.setTimeout(90_000);
  const cluster = await createLocalCluster(page.request);
  const storeId = await createKeyStore(page.request, cluster);
  await page.goto("/clusters");
  const card = page.locator(`[data-cluster-id="${cluster.clusterId}"]`);
  const remove = card.getByRole("button", { name: "Delete cluster" });
  await expect(remove).toHaveAttribute("aria-disabled", "true");
  await expect(remove).toHaveAccessibleDescription("Remove its 2 HSMs first: CloudHSM deletes only an empty cluster.");
  // The API refuses too, with CloudHSM's error.
  const refused = await page.request.delete(`/api/clusters/${cluster.clusterId}`, JSON_TYPE);
  expect(refused.status()).toBe(400);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("CloudHsmInvalidRequestException");

  const list = (await (await page.request.get("/api/clusters")).json()) as { clusters: { clusterId: string; hsms: { hsmId: string }[] }[] };
  for (const hsm of list.clusters.find((c) => c.clusterId === cluster.clusterId)!.hsms) {
    expect((await page.request.delete(`/api/clusters/${cluster.clusterId}/hsms/${hsm.hsmId}`, JSON_TYPE)).status()).toBe(200);
  }
  await page.reload();
  await expect(remove).not.toHaveAttribute("aria-disabled", "true");
  await remove.click();
  const dialog = page.getByRole("dialog", { name: `Delete cluster ${cluster.clusterId}?` });
  await expect(dialog).toContainText("still uses this cluster");
  await expect(dialog).toContainText("CLUSTER_NOT_FOUND");
  await snapBoth(page, "clusters-delete-confirm");
  await dialog.getByRole("button", { name: "Delete cluster" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toHaveCount(0);

  // As on AWS, the key store stays and cannot connect to the deleted cluster.
  expect((await page.request.post(`/api/key-stores/${storeId}/connect`, JSON_TYPE)).status()).toBeLessThan(500);
  expect((await page.request.get(`/api/key-stores/${storeId}`)).status()).toBe(200);
});
