import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique, waitForState } from "./support/console.ts";

// Every connection state badge, seen for real on one store: the e2e server takes
// KEYHOLD_LOCAL_CONNECTION_DELAY_MS (playwright.config.ts) to connect or disconnect, as KMS takes
// minutes, so CONNECTING and DISCONNECTING stay on screen long enough to be seen and photographed.
test.describe.configure({ mode: "serial", timeout: 90_000 });

let storeId = "";
const storeName = unique("e2e-badges");

const badge = (page: import("@playwright/test").Page) => page.getByTestId("connection-state").first();
const tableRow = (page: import("@playwright/test").Page) => page.getByTestId("table-row").filter({ hasText: storeName });

test("Disconnected, then Connecting while the connect runs, then Connected", async ({ adminPage: page, adminApi }) => {
  const cluster = await createLocalCluster(adminApi);
  storeId = await createKeyStore(adminApi, cluster, storeName);
  await page.goto(`/key-stores/${storeId}`);
  await expect(badge(page)).toHaveAttribute("data-state", "DISCONNECTED");
  await snap(page, "status-badge-disconnected");

  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "CONNECTING");
  await expect(badge(page)).toHaveText(/Connecting/);
  // Not a failure while it connects: the readiness check waits for the outcome.
  await expect(page.locator('[data-testid="readiness-check"][data-check="connected"]')).toHaveAttribute("data-status", "unknown");
  await snap(page, "status-badge-connecting");
  // The list says so too while it lasts.
  await page.goto(`/key-stores?q=${storeName}`);
  await expect(tableRow(page).getByTestId("connection-state")).toHaveAttribute("data-state", /CONNECTING|CONNECTED/);
  // Live: the badge turns Connected without a reload.
  await expect(tableRow(page).getByTestId("connection-state")).toHaveAttribute("data-state", "CONNECTED", { timeout: 20_000 });
  await snap(page, "status-badge-connected-list");
  await page.goto(`/key-stores/${storeId}`);
  await expect(badge(page)).toHaveText(/Connected/);
  await snap(page, "status-badge-connected");
});

test("Disconnecting while the disconnect runs, then Disconnected", async ({ adminPage: page }) => {
  test.skip(!storeId, "needs the store of the previous test");
  await page.goto(`/key-stores/${storeId}`);
  await page.getByRole("button", { name: "Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(badge(page)).toHaveAttribute("data-state", "DISCONNECTING");
  await expect(badge(page)).toHaveText(/Disconnecting/);
  await snap(page, "status-badge-disconnecting");
  await expect(badge(page)).toHaveAttribute("data-state", "DISCONNECTED", { timeout: 20_000 });
});

test("Failed, with its error code and the fix", async ({ adminPage: page, adminApi }) => {
  test.skip(!storeId, "needs the store of the previous test");
  expect((await adminApi.patch(`/api/key-stores/${storeId}`, { data: { keyStorePassword: "WrongPass123" } })).status()).toBe(200);
  expect((await adminApi.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "FAILED");
  await page.goto(`/key-stores/${storeId}`);
  await expect(badge(page)).toHaveAttribute("data-state", "FAILED");
  await expect(badge(page)).toHaveAttribute("title", /INVALID_CREDENTIALS/);
  await snap(page, "status-badge-failed");
  // Leave the store tidy for anyone reading the list afterwards.
  expect((await adminApi.post(`/api/key-stores/${storeId}/disconnect`)).status()).toBe(200);
  await waitForState(adminApi, storeId, "DISCONNECTED");
});
