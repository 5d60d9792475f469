import { expect, signedInApi, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique, waitForState } from "./support/console.ts";
import { E2E_AWS_BASE_URL, E2E_BASE_URL, E2E_PORT, E2E_PROXY_PORT } from "./support/e2e-env.ts";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy.ts";

// A real outage, on the console with KEYHOLD_BACKEND=aws (playwright.config.ts, second web server):
// its AWS endpoint is the main e2e server's /api/aws behind a TCP proxy that these tests start and
// stop. The store is created through the main console; the aws console sees it only through the SDK.
test.describe.configure({ mode: "serial", timeout: 90_000 });
// Pages and `adminPage` on the aws console; `localAdminApi` stays on the main one.
test.use({ baseURL: E2E_AWS_BASE_URL });

const storeName = unique("e2e-outage");
let storeId = "";
let proxy: TcpProxy | undefined;

const startProxy = async () => {
  proxy = await startTcpProxy({ port: E2E_PROXY_PORT, target: { host: "127.0.0.1", port: E2E_PORT } });
};
const stopProxy = async () => {
  await proxy?.stop();
  proxy = undefined;
};

const storeRow = (page: import("@playwright/test").Page) => page.getByTestId("table-row").filter({ hasText: storeName });

test.afterAll(async ({ playwright }) => {
  await stopProxy();
  if (!storeId) return;
  // The account allows 10 stores: leave room for the other specs.
  const api = await signedInApi(playwright.request, E2E_BASE_URL);
  await api.post(`/api/key-stores/${storeId}/disconnect`);
  await waitForState(api, storeId, "DISCONNECTED");
  expect((await api.delete(`/api/key-stores/${storeId}`)).status()).toBe(200);
  await api.dispose();
});

test("the aws-backed console shows its backend's store; cut off, it says so with the last known state", async ({
  adminPage: page,
  localAdminApi,
}) => {
  const cluster = await createLocalCluster(localAdminApi);
  storeId = await createKeyStore(localAdminApi, cluster, storeName);
  expect((await localAdminApi.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(localAdminApi, storeId, "CONNECTED");

  await startProxy();
  await page.goto("/key-stores");
  await expect(page.getByTestId("backend-badge")).toContainText("AWS");
  await page.getByTestId("refresh-status").click();
  const state = storeRow(page).getByTestId("cached-state");
  await expect(state).toContainText("Connected");
  await expect(page.getByTestId("refresh-status")).toBeEnabled();
  await expect(page.getByTestId("backend-status-alert")).toBeHidden();
  await snap(page, "aws-backend-key-stores");

  await stopProxy();
  // No reload: the list refetches the cache by itself, and the poller has recorded the failure.
  await expect(page.getByTestId("backend-status-alert")).toBeVisible({ timeout: 20_000 });
  await expect(state.getByTestId("backend-unreachable")).toBeVisible();
  await expect(state).toContainText("Connected");
  await expect(state.getByTestId("state-age")).toContainText("last known");

  // A new page load is served from the cache too.
  await page.reload();
  await expect(page.getByTestId("backend-status-alert")).toBeVisible();
  await expect(state.getByTestId("backend-unreachable")).toBeVisible();
  await expect(state.getByTestId("state-age")).toContainText("last known");
  await snap(page, "status-backend-unreachable");

  await page.goto(`/key-stores/${storeId}`);
  await expect(page.getByRole("heading", { name: storeName })).toBeVisible();
  await expect(page.getByTestId("backend-status-alert")).toBeVisible();
  await expect(page.getByTestId("cached-state").first()).toContainText("Connected");
  await expect(page.getByTestId("state-age").first()).toContainText("last known");
  await snap(page, "status-backend-unreachable-detail");
});

test("back online: the alert goes away by itself", async ({ adminPage: page }) => {
  await page.goto("/key-stores");
  await expect(page.getByTestId("backend-status-alert")).toBeVisible();
  await startProxy();
  await expect(page.getByTestId("backend-status-alert")).toBeHidden({ timeout: 20_000 });
  const state = storeRow(page).getByTestId("cached-state");
  await expect(state.getByTestId("backend-unreachable")).toBeHidden();
  await expect(state.getByTestId("state-age")).not.toContainText("last known");
});
