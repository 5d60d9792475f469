import { expect, test } from "./fixtures.ts";
import { createLocalCluster, snap } from "./support/console.ts";

// The crypto officer's "set kmsuser's password" (which unlocks a locked-out kmsuser) on the Clusters page,
// for admins; the lockout itself is in lib/server/console/clusters/set-kmsuser-password.test.ts.

test("an admin sets kmsuser's password of a local cluster from the Clusters page", async ({ adminPage: page }) => {
  test.setTimeout(90_000);
  const cluster = await createLocalCluster(page.request);
  await page.goto("/clusters");
  const card = page.locator(`[data-cluster-id="${cluster.clusterId}"]`);
  await card.getByRole("button", { name: "Set kmsuser password" }).click();
  const dialog = page.getByRole("dialog", { name: "Set kmsuser password" });
  await dialog.getByLabel("New kmsuser password", { exact: true }).fill("bad!");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog.getByText("The kmsuser password has at least 7 characters.")).toBeVisible();
  await dialog.getByLabel("New kmsuser password", { exact: true }).fill("Unlocked12345");
  await snap(page, "kmsuser-password");
  await dialog.getByRole("button", { name: "Set password" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`kmsuser's password is set on ${cluster.clusterId}`)).toBeVisible();
});
