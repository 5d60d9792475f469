import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique } from "./support/console.ts";

// Each flow creates its own local cluster and store, so it needs more than the default 30 s.
test.describe.configure({ timeout: 60_000 });
test("delete an empty, disconnected key store: typing its name confirms", async ({ adminPage: page, adminApi }) => {
  const cluster = await createLocalCluster(adminApi);
  const name = unique("e2e-delete-me");
  const id = await createKeyStore(adminApi, cluster, name);
  await page.goto(`/key-stores/${id}`);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: `Delete ${name}?` });
  await expect(dialog).toContainText("No KMS keys are left in this key store.");
  await dialog.getByRole("button", { name: "Delete key store" }).click();
  await expect(dialog.getByText("Type the key store's name exactly to confirm.")).toBeVisible();
  await snap(page, "store-delete-confirm");
  await dialog.getByLabel(/To confirm, type the key store name/).fill(name);
  await dialog.getByRole("button", { name: "Delete key store" }).click();
  await expect(page).toHaveURL(/\/key-stores$/);
  expect((await adminApi.get(`/api/key-stores/${id}`)).status()).toBe(404);
});

test("edit a disconnected key store; a bad password is refused beside the field", async ({ adminPage: page, adminApi }) => {
  const cluster = await createLocalCluster(adminApi);
  const name = unique("e2e-edit-me");
  const id = await createKeyStore(adminApi, cluster, name);
  await page.goto(`/key-stores/${id}`);
  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialog.getByLabel("kmsuser password", { exact: true }).fill("bad!");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByText("The kmsuser password has at least 7 characters.")).toBeVisible();
  await snap(page, "store-edit-errors");
  await dialog.getByLabel("kmsuser password", { exact: true }).fill("");
  await dialog.getByLabel("Key store name").fill(`${name}-renamed`);
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${name}-renamed` })).toBeVisible();
  const del = await adminApi.delete(`/api/key-stores/${id}`);
  expect(del.status()).toBe(200);
});

test("a wrong kmsuser password ends FAILED with the code in the badge, its cause and the fix", async ({ adminPage: page, adminApi }) => {
  const cluster = await createLocalCluster(adminApi);
  const name = unique("e2e-failed");
  const id = await createKeyStore(adminApi, { ...cluster, password: "WrongPassw0rd" }, name);
  await page.goto(`/key-stores/${id}`);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "FAILED");
  await expect(page.getByTestId("connection-state").first()).toContainText("INVALID_CREDENTIALS");
  // The "Connecting…" toast goes once the store has settled; the stepper blames the login for this code.
  await expect(page.getByText(`Connecting ${name}`)).toHaveCount(0);
  const stepper = page.getByTestId("connect-progress");
  await expect(stepper.getByRole("listitem").filter({ hasText: "KMS checks the cluster" })).toHaveAttribute("data-status", "done");
  await expect(stepper.getByRole("listitem").filter({ hasText: "as kmsuser" })).toHaveAttribute("data-status", "failed");
  const panel = page.getByTestId("failed-panel");
  await expect(panel).toContainText("Wrong kmsuser password");
  await expect(panel).toContainText("Disconnect the key store");
  await expect(page.getByRole("button", { name: "Connect", exact: true })).toBeDisabled();
  await snap(page, "store-failed");
  // The guided fix: Disconnect → Edit the password → Connect.
  await panel.getByRole("button", { name: "Step 1: Disconnect" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "DISCONNECTED");
  // The fix stays until the store connects: step 1 is done, the rest still to do.
  await expect(panel).toContainText("INVALID_CREDENTIALS");
  await expect(panel.getByTestId("fix-step-done")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Step 1: Disconnect" })).toHaveCount(0);
  await snap(page, "store-failed-after-disconnect");
  await panel.getByRole("button", { name: "Edit kmsuser password" }).click();
  await page.getByRole("dialog").getByLabel("kmsuser password", { exact: true }).fill(cluster.password);
  await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByTestId("connection-state").first()).toHaveAttribute("data-state", "CONNECTED");
  await expect(page.getByTestId("failed-panel")).toHaveCount(0);
  // Leave nothing behind.
  await adminApi.post(`/api/key-stores/${id}/disconnect`);
  await expect.poll(async () => (await adminApi.delete(`/api/key-stores/${id}`)).status(), { timeout: 10_000 }).toBe(200);
});
