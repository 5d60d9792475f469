import type { Page } from "@playwright/test";
import { XksClient, type XksCredential } from "../test/xks-client.ts";
import { prepareProxyElsewhere } from "../test/xks-proxy-prepared-elsewhere.ts";
import { spawnProxy, type PreparedProxy, type ProxyProcess } from "../test/xks-proxy-process.ts";
import { expect, test } from "./fixtures.ts";
import { clickToNavigate } from "./support/click-to-navigate.ts";
import { snap, unique } from "./support/console.ts";
import { E2E_DATA_DIR } from "./support/e2e-env.ts";
import { lockLocalProxy, unlockLocalProxy } from "./support/xks-store.ts";

// An external key store from the browser, against a real XKS proxy (lib/xks-proxy, its own process on
// a free port, its files in the console's data folder so the console trusts its CA): create through the
// wizard after a connection test, connect, see the proxy's health and latency, stop the proxy and see
// what the console sees (the poller's XKS_PROXY_NOT_REACHABLE, then a connect that FAILS with it and
// the fix steps), restart it and recover, the edit rules per state, delete.
test.describe.configure({ mode: "serial", timeout: 120_000 });

let prepared: PreparedProxy & { credential: XksCredential; otherCredential: XksCredential };
let proxy: ProxyProcess;
let storeId = "";
const storeName = unique("e2e-xks");

test.beforeAll(async () => {
  // The console's local proxy folder is one spec's at a time (xks-keys uses it too).
  await lockLocalProxy();
  // Set-up in a process of its own (it opens the proxy's PKCS#11 token), in the console's data folder. The
  // key id is new on each attempt: a retry finds the previous attempt's key in the token.
  const keyId = unique("e2e-xks-key");
  const raw = prepareProxyElsewhere({
    dataDir: E2E_DATA_DIR,
    keys: [{ keyId }],
    stores: [{ prefix: "/e2e", keyIds: [keyId], credentials: 2 }],
  });
  const [credential, otherCredential] = raw.credentials.get("/e2e")!;
  prepared = { ...raw, credential: credential!, otherCredential: otherCredential! };
  proxy = await startProxy();
});

/**
 * Starts the proxy (on `port` for a restart) and calls its health check once: KMS's 250 ms is for a
 * warm proxy, and one just started under tsx loads its code on the first request.
 */
async function startProxy(port?: string): Promise<ProxyProcess> {
  const p = await spawnProxy(prepared, port ? ["--port", port] : []);
  await new XksClient(p.url, p.agent(), "/e2e", prepared.credential).post("health", {
    requestMetadata: { kmsRequestId: "warm-up", kmsOperation: "KmsHealthCheck" },
  });
  return p;
}

test.afterAll(async () => {
  await proxy?.stop();
  unlockLocalProxy();
});

/** The same page at 390 px, then back to 1440 px. */
async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

const state = (page: Page) => page.getByTestId("connection-state").first();

test("create an external key store through the wizard, testing the connection first", async ({ adminPage: page }) => {
  await page.goto("/key-stores?type=external");
  await clickToNavigate(page, page.getByRole("link", { name: "Create external key store" }).first(), /\/key-stores\/new\?type=external$/);
  await expect(page.getByRole("radio", { name: /External key store/ })).toBeChecked();
  await snapBoth(page, "xks-wizard-1-type");
  await page.getByRole("button", { name: "Next" }).click();

  // Step 2: nothing entered, then a port-less http endpoint: each field says what is allowed.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter a name for the key store.")).toBeVisible();
  await page.getByLabel("Proxy URI endpoint").fill("http://xks.example.com:8443");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(/Enter https:\/\/ and a host name only/)).toBeVisible();
  await page.getByRole("radio", { name: /VPC endpoint service/ }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter the VPC endpoint service name.")).toBeVisible();
  await expect(page.getByTestId("vpc-services")).toBeVisible();
  await snapBoth(page, "xks-wizard-2-errors");
  await page.getByRole("radio", { name: /Public endpoint/ }).check();
  await page.getByLabel("Key store name").fill(storeName);
  await page.getByLabel("Proxy URI endpoint").fill(proxy.url);
  await page.getByRole("button", { name: "Next" }).click();

  // Step 3: path prefix and credential; a wrong secret fails the test with the code KMS would record.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Proxy path and credential");
  await page.getByLabel("Proxy URI path prefix (optional)").fill("/e2e");
  await expect(page.getByTestId("xks-uri-path")).toHaveText("/e2e/kms/xks/v1");
  await page.getByLabel("Proxy credential: Access key ID").fill(prepared.credential.accessKeyId);
  await page.getByLabel("Proxy credential: Secret access key").fill("short");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByText("The secret access key has 43–64 characters.")).toBeVisible();
  await page.getByLabel("Proxy credential: Secret access key").fill(prepared.otherCredential.secretAccessKey);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("xks-test-failed")).toContainText("INVALID_CREDENTIALS");
  await snapBoth(page, "xks-wizard-3-test-failed");
  await page.getByLabel("Proxy credential: Secret access key").fill(prepared.credential.secretAccessKey);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("xks-test-ok")).toContainText("ms");
  await expect(page.getByTestId("xks-fleet")).toContainText(/ACTIVE|DEGRADED/);
  await snapBoth(page, "xks-wizard-3-test-ok");
  await page.getByRole("button", { name: "Next" }).click();

  // Review: the CLI and Terraform equivalents, with the secret as a variable only.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Review and create");
  const cli = page.getByTestId("review-cli");
  await expect(cli).toContainText("aws kms create-custom-key-store");
  await expect(cli).toContainText("--xks-proxy-uri-path '/e2e/kms/xks/v1'");
  await expect(cli).not.toContainText(prepared.credential.secretAccessKey);
  await expect(page.locator("body")).not.toContainText(prepared.credential.secretAccessKey);
  await page.getByRole("tab", { name: "Terraform" }).click();
  await expect(page.getByTestId("review-terraform")).toContainText('resource "aws_kms_custom_key_store"');
  await snapBoth(page, "xks-wizard-4-review");
  await page.getByRole("button", { name: "Create external key store" }).click();
  await expect(page).toHaveURL(/\/key-stores\/cks-[0-9a-f]+\?created=1$/);
  storeId = /\/key-stores\/(cks-[0-9a-f]+)/.exec(page.url())![1]!;
  await expect(state(page)).toHaveAttribute("data-state", "DISCONNECTED");
  await expect(page.getByTestId("xks-proxy-configuration")).toContainText("/e2e/kms/xks/v1");
  await expect(page.getByTestId("xks-proxy-configuration")).toContainText(prepared.credential.accessKeyId);
});

test("connect: CONNECTED, the proxy's fleet and the latency of the last checks", async ({ adminPage: page }) => {
  await page.goto(`/key-stores/${storeId}`);
  await page.getByTestId("store-connect").click();
  await expect(state(page)).toHaveAttribute("data-state", "CONNECTED", { timeout: 20_000 });
  await expect(page.getByTestId("xks-health-state")).toHaveAttribute("data-ok", "true", { timeout: 20_000 });
  await expect(page.getByTestId("xks-health").getByTestId("xks-fleet")).toContainText(/ACTIVE|DEGRADED/);
  await expect(page.getByTestId("xks-latency-history")).toContainText("ms");
  await snapBoth(page, "xks-store-connected");

  await page.goto("/key-stores?type=external");
  const row = page.getByRole("row", { name: new RegExp(storeName) });
  await expect(row.getByTestId("connection-state")).toHaveAttribute("data-state", "CONNECTED");
  await expect(row).toContainText(`${proxy.url}/e2e/kms/xks/v1`);
  await expect(row.getByTestId("xks-health-badge")).toContainText("Proxy healthy");
  await snapBoth(page, "xks-table-connected");
});

test("the proxy stops: the console sees XKS_PROXY_NOT_REACHABLE, a new connect FAILS with the fix; restarted, it recovers", async ({
  adminPage: page,
}) => {
  const port = new URL(proxy.url).port;
  await proxy.stop();

  await page.goto("/key-stores?type=external");
  await page.getByTestId("refresh-status").click();
  const row = page.getByRole("row", { name: new RegExp(storeName) });
  await expect(row.getByTestId("xks-health-badge")).toContainText("XKS_PROXY_NOT_REACHABLE");
  // KMS keeps a connected store CONNECTED while its proxy is down; the proxy's own state is the badge beside it.
  await expect(row.getByTestId("connection-state")).toHaveAttribute("data-state", "CONNECTED");
  await snapBoth(page, "xks-table-proxy-down");

  await page.goto(`/key-stores/${storeId}`);
  await expect(page.getByTestId("xks-health-state")).toHaveAttribute("data-ok", "false");
  await expect(page.getByTestId("xks-health-state")).toContainText("XKS_PROXY_NOT_REACHABLE");
  // Disconnect and connect again: the health check on connect fails → FAILED with the code and its fix.
  await page.getByTestId("store-disconnect").click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(state(page)).toHaveAttribute("data-state", "DISCONNECTED", { timeout: 20_000 });
  await page.getByTestId("store-connect").click();
  await expect(state(page)).toHaveAttribute("data-state", "FAILED", { timeout: 20_000 });
  const panel = page.getByTestId("failed-panel");
  await expect(panel).toContainText("XKS_PROXY_NOT_REACHABLE");
  await expect(panel).toContainText("35 ms");
  await expect(panel.getByRole("button", { name: "Edit proxy URI endpoint" })).toHaveAttribute("aria-disabled", "true");
  await snapBoth(page, "xks-store-failed");

  proxy = await startProxy(port);
  await panel.getByRole("button", { name: "Step 1: Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(state(page)).toHaveAttribute("data-state", "DISCONNECTED", { timeout: 20_000 });
  await page.getByTestId("store-connect").click();
  await expect(state(page)).toHaveAttribute("data-state", "CONNECTED", { timeout: 20_000 });
  await expect(page.getByTestId("failed-panel")).toBeHidden();
  await page.goto("/key-stores?type=external");
  await page.getByTestId("refresh-status").click();
  await expect(page.getByRole("row", { name: new RegExp(storeName) }).getByTestId("xks-health-badge")).toContainText("Proxy healthy");
  await snapBoth(page, "xks-table-recovered");
});

test("edit rules: name, path and credential while connected; connectivity and endpoint only when disconnected", async ({
  adminPage: page,
}) => {
  await page.goto(`/key-stores/${storeId}`);
  await expect(state(page)).toHaveAttribute("data-state", "CONNECTED");
  await page.getByTestId("store-edit").click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByLabel("Proxy URI endpoint")).toBeDisabled();
  await expect(dialog.getByRole("radio", { name: /Public endpoint/ })).toBeDisabled();
  await expect(dialog.getByLabel("Proxy URI path prefix (optional)")).toBeEnabled();
  // One credential part alone is refused: KMS takes both.
  await dialog.getByLabel("Proxy credential: Access key ID").fill(prepared.otherCredential.accessKeyId);
  await dialog.getByTestId("xks-edit-submit").click();
  await expect(dialog.getByText("Enter both parts of the proxy credential, even if only one changes.")).toBeVisible();
  await dialog.getByLabel("Proxy credential: Secret access key").fill(prepared.otherCredential.secretAccessKey);
  await dialog.getByLabel("Key store name").fill(`${storeName}-renamed`);
  await dialog.getByTestId("xks-edit-submit").click();
  await expect(dialog.getByTestId("xks-edit-warning")).toBeVisible();
  await snapBoth(page, "xks-edit-confirm");
  await dialog.getByRole("button", { name: "Confirm: update external key store" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${storeName}-renamed` })).toBeVisible();
  await expect(page.getByTestId("xks-proxy-configuration")).toContainText(prepared.otherCredential.accessKeyId);

  // Disconnected, the endpoint can change; a bad one is refused before the request.
  await page.getByTestId("store-disconnect").click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(state(page)).toHaveAttribute("data-state", "DISCONNECTED", { timeout: 20_000 });
  await page.getByTestId("store-edit").click();
  await expect(dialog.getByLabel("Proxy URI endpoint")).toBeEnabled();
  await dialog.getByLabel("Proxy URI endpoint").fill("https://xks.example.com/path");
  await dialog.getByTestId("xks-edit-submit").click();
  await expect(dialog.getByText(/Enter https:\/\/ and a host name only/)).toBeVisible();
  await snapBoth(page, "xks-edit-disconnected");
  await dialog.getByRole("button", { name: "Cancel" }).click();
});

test("delete the disconnected store", async ({ adminPage: page }) => {
  await page.goto(`/key-stores/${storeId}`);
  await expect(state(page)).toHaveAttribute("data-state", "DISCONNECTED");
  await page.getByTestId("store-delete").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("textbox").fill(`${storeName}-renamed`);
  await dialog.getByRole("button", { name: "Delete key store" }).click();
  await expect(page).toHaveURL(/\/key-stores(\?|$)/);
  await page.goto("/key-stores?type=external");
  await expect(page.getByRole("row", { name: new RegExp(storeName) })).toHaveCount(0);
  await snapBoth(page, "xks-table-after-delete");
});

test("an unknown store's page shows its error card at once (no refresh of every store first)", async ({ adminPage: page, adminApi }) => {
  const id = "cks-0123456789abcdef0";
  const started = Date.now();
  const r = await adminApi.get(`/api/key-stores/${id}`);
  const apiMs = Date.now() - started;
  expect(r.status()).toBe(404);
  expect(((await r.json()) as { error: { code: string } }).error.code).toBe("CustomKeyStoreNotFoundException");
  await page.goto(`/key-stores/${id}`);
  await expect(page.getByText("This key store could not be loaded")).toBeVisible();
  await expect(page.getByText(/CustomKeyStoreNotFoundException/).first()).toBeVisible();
  console.log(`GET /api/key-stores/${id} → 404 in ${apiMs} ms`);
  await snapBoth(page, "xks-store-not-found");
});
