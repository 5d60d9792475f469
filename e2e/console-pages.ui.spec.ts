import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./support/console.ts";
import { E2E_ADMIN } from "./support/e2e-env.ts";

// Error states, the local-cluster form, and keyboard use of the key page.

test("an unknown key store shows the error with its code and request ID", async ({ adminPage: page }) => {
  await page.goto("/key-stores/cks-00000000000000000");
  const panel = page.getByTestId("error-panel");
  await expect(panel).toContainText("CustomKeyStoreNotFoundException");
  await expect(panel).toContainText("Request ID:");
  await snap(page, "store-not-found");
});

test("create a local cluster from the Clusters page; a bad password is refused beside the field", async ({ adminPage: page }) => {
  test.setTimeout(60_000);
  await page.goto("/clusters");
  await page.getByRole("button", { name: "Create local cluster" }).click();
  const dialog = page.getByRole("dialog", { name: "Create local cluster" });
  await dialog.getByLabel("kmsuser password", { exact: true }).fill("no!");
  await dialog.getByRole("checkbox", { name: "us-east-1a" }).uncheck();
  await dialog.getByRole("checkbox", { name: "us-east-1b" }).uncheck();
  await dialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(dialog.getByText("Choose at least two Availability Zones")).toBeVisible();
  await expect(dialog.getByText("The kmsuser password has at least 7 characters.")).toBeVisible();
  await snap(page, "cluster-create-errors");
  // One zone is refused too: such a cluster could never back a key store.
  await dialog.getByRole("checkbox", { name: "us-east-1a" }).check();
  await dialog.getByRole("button", { name: "Create cluster" }).click();
  await expect(dialog.getByText("Choose at least two Availability Zones")).toBeVisible();
  await dialog.getByRole("checkbox", { name: "us-east-1c" }).check();
  await dialog.getByLabel("kmsuser password", { exact: true }).fill("LocalPassw0rd");
  await dialog.getByRole("button", { name: "Create cluster" }).click();
  const done = page.getByRole("dialog", { name: "Local cluster created" });
  await expect(done.getByTestId("cluster-created")).toBeVisible();
  await expect(done.getByRole("button", { name: "Download customerCA.crt" })).toBeVisible();
  await snap(page, "cluster-created");
  const clusterId = (await done.locator(".font-mono").first().textContent())!;
  await done.getByRole("button", { name: "Done" }).click();
  const card = page.locator(`[data-cluster-id="${clusterId}"]`);
  await expect(card.getByTestId("az-group")).toHaveCount(2);
  await expect(card).toContainText("Can back a new key store");
});

test("a KMS key (no custom key store): tabs work from the keyboard", async ({ adminPage: page, adminApi }) => {
  const alias = unique("e2e-kms-key");
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
  });
  const r = await adminApi.post("/api/keys", { data: { origin: "AWS_KMS", alias, description: "", tags: [], policy } });
  expect(r.status(), await r.text()).toBe(201);
  const { keyId } = await r.json();
  await page.goto(`/keys/${keyId}`);
  await expect(page.getByRole("heading", { level: 1, name: `alias/${alias}` })).toBeVisible();
  await expect(page.getByTestId("custom-key-store-section")).toHaveCount(0);
  await page.getByRole("tab", { name: "Cryptographic configuration" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Tags (0)" })).toBeFocused();
  await expect(page.getByRole("tab", { name: "Tags (0)" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Home");
  await expect(page.getByRole("tab", { name: "Key policy" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("key-policy")).toContainText("kms:*");
  await snap(page, "key-detail-kms-policy");
});

test("the key stores page's store types are the one tabs primitive: arrow keys switch them", async ({ adminPage: page }) => {
  await page.goto("/key-stores");
  const list = page.getByRole("tablist", { name: "Key store type" });
  await expect(page.getByRole("tablist")).toHaveCount(1);
  await list.getByRole("tab", { name: "AWS CloudHSM key stores" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page).toHaveURL(/\/key-stores\?type=external$/);
  await expect(list.getByRole("tab", { name: "External key stores" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel")).toContainText("External key stores");
});

test("a refused action and the backend badge explain themselves to the keyboard", async ({ adminPage: page }) => {
  // An administrator's own user cannot be deleted: the button says why, to the keyboard too.
  await page.goto("/users");
  await page.getByRole("link", { name: E2E_ADMIN.userName, exact: true }).click();
  const remove = page.getByRole("button", { name: "Delete user" });
  await remove.focus();
  await expect(remove).toHaveAttribute("aria-disabled", "true");
  await expect(page.getByRole("tooltip")).toContainText("You cannot delete your own user");
  await expect(remove).toHaveAccessibleDescription(/You cannot delete your own user/);
  const badge = page.getByTestId("backend-badge");
  await badge.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("backend-details")).toContainText("PKCS#11");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("backend-details")).toBeHidden();
});
