import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { createLocalCluster, shot, unique, type LocalCluster } from "./support/console.ts";

// The administrator's path through key stores, in order, on one store over a cluster of its own:
// create it through the wizard, connect it and watch the badge go Connecting → Connected.
test.describe.configure({ mode: "serial" });

let cluster: LocalCluster;
let storeId = "";
const storeName = unique("e2e-wizard-store");

/** Records every connection state the page's badges show, even for a single frame. */
async function recordBadgeStates(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __states: string[] };
    w.__states = [];
    const note = () =>
      document.querySelectorAll<HTMLElement>('[data-testid="connection-state"]').forEach((el) => {
        const s = el.dataset.state!;
        if (w.__states.at(-1) !== s) w.__states.push(s);
      });
    note();
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-state"] });
  });
  return () => page.evaluate(() => (window as unknown as { __states: string[] }).__states);
}

test("create a key store through the wizard, with field errors for bad input", async ({ adminPage: page, adminApi }) => {
  cluster = await createLocalCluster(adminApi);

  await page.goto("/key-stores");
  await expect(page.getByRole("heading", { level: 1, name: "Key stores" })).toBeVisible();
  await page.getByRole("link", { name: "Create key store" }).first().click();
  await expect(page).toHaveURL(/\/key-stores\/new$/);
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Choose key store type");
  await page.screenshot({ path: shot("store-wizard-1-type"), fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();

  // Step 2: nothing entered → both fields say what is missing.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Name and cluster");
  await expect(page.getByTestId("cluster-option").first()).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Enter a name for the key store.")).toBeVisible();
  await expect(page.getByText("Choose a CloudHSM cluster.")).toBeVisible();
  await page.screenshot({ path: shot("store-wizard-2-errors"), fullPage: true });
  await page.getByLabel("Key store name").fill(storeName);
  await page.locator(`input[type=radio][value="${cluster.clusterId}"]`).check();
  await page.screenshot({ path: shot("store-wizard-2-cluster"), fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();

  // Step 3: a file that is not a certificate, and a short password.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Trust anchor and kmsuser");
  await page.getByTestId("trust-anchor-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello, not a certificate") });
  await expect(page.getByText(/This is not a PEM certificate/)).toBeVisible();
  await page.getByLabel("kmsuser password", { exact: true }).fill("abc");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("The kmsuser password has at least 7 characters.")).toBeVisible();
  await page.getByLabel("kmsuser password", { exact: true }).fill("has spaces and !");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText(/Use letters and digits only/)).toBeVisible();
  await page.screenshot({ path: shot("store-wizard-3-errors"), fullPage: true });
  await page.getByTestId("trust-anchor-file").setInputFiles({ name: "customerCA.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from(cluster.trustAnchor) });
  await expect(page.getByText("customerCA.crt", { exact: true })).toBeVisible();
  await page.getByLabel("kmsuser password", { exact: true }).fill(cluster.password);
  await page.getByRole("button", { name: "Show kmsuser password" }).click();
  await expect(page.getByLabel("kmsuser password", { exact: true })).toHaveAttribute("type", "text");
  await page.screenshot({ path: shot("store-wizard-3-credentials"), fullPage: true });
  await page.getByRole("button", { name: "Next" }).click();

  // Review shows what will be sent, with the password masked; Previous keeps the entries.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Review and create");
  await expect(page.getByText(storeName)).toBeVisible();
  await expect(page.getByText(cluster.password)).toHaveCount(0);
  await page.screenshot({ path: shot("store-wizard-4-review"), fullPage: true });
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByLabel("kmsuser password", { exact: true })).toHaveValue(cluster.password);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("button", { name: "Create key store" }).click();

  await expect(page).toHaveURL(/\/key-stores\/cks-[0-9a-f]{17}\?created=1$/);
  storeId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: storeName })).toBeVisible();
  await expect(page.getByTestId("created-offer")).toBeVisible();
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "DISCONNECTED");
  await expect(page.getByTestId("hsm-row")).toHaveCount(2);
  await page.screenshot({ path: shot("store-detail-created"), fullPage: true });
});

test("a second store on the same cluster is refused beside the cluster field, and nothing is created", async ({ adminPage: page, adminApi }) => {
  test.skip(!storeId, "needs the store of the previous test");
  const before = ((await (await adminApi.get("/api/key-stores")).json()) as { totalStores: number }).totalStores;
  const r = await adminApi.post("/api/key-stores", {
    data: { customKeyStoreName: unique("e2e-dup"), cloudHsmClusterId: cluster.clusterId, trustAnchorCertificate: cluster.trustAnchor, keyStorePassword: cluster.password },
  });
  expect(r.status()).toBe(400);
  expect((await r.json()).error).toMatchObject({ code: "CloudHsmClusterInUseException", fields: { cloudHsmClusterId: expect.any(String) } });
  expect(((await (await adminApi.get("/api/key-stores")).json()) as { totalStores: number }).totalStores).toBe(before);

  // In the wizard, the used cluster is shown but cannot be chosen, with the reason.
  await page.goto("/key-stores/new");
  await page.getByRole("button", { name: "Next" }).click();
  const option = page.getByTestId("cluster-option").filter({ hasText: cluster.clusterId });
  await expect(option).toHaveAttribute("data-eligible", "false");
  await expect(option.getByText(`already used by key store ${storeName}`)).toBeVisible();
  await expect(option.locator("input[type=radio]")).toBeDisabled();
});

test("connect the store and watch the badge go Connecting → Connected", async ({ adminPage: page }) => {
  test.skip(!storeId, "needs the store of the previous test");
  await page.goto(`/key-stores/${storeId}`);
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "DISCONNECTED");
  // Disconnect and Delete say why they are not available now.
  await expect(page.getByRole("button", { name: "Disconnect" })).toBeDisabled();
  const states = await recordBadgeStates(page);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("connect-progress")).toBeVisible();
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "CONNECTED");
  await expect(page.getByTestId("connect-progress")).toContainText("Connected in");
  expect(await states()).toEqual(["DISCONNECTED", "CONNECTING", "CONNECTED"]);
  await page.screenshot({ path: shot("store-detail-connected"), fullPage: true });

  // The table shows it too, with its HSMs and the Connected badge.
  await page.goto(`/key-stores?q=${storeName}`);
  const row = page.getByTestId("table-row").filter({ hasText: storeName });
  await expect(row.getByTestId("connection-state")).toHaveAttribute("data-state", "CONNECTED");
  await expect(row.getByTestId("hsm-count")).toContainText("2 / 2");
  await page.screenshot({ path: shot("key-stores-table"), fullPage: true });
  await row.getByRole("button", { name: `Actions for ${storeName}` }).click();
  await expect(page.getByRole("menuitem", { name: /Connect.*already connected/ })).toHaveAttribute("aria-disabled", "true");
  await page.screenshot({ path: shot("key-stores-row-actions") });
});
