import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./support/console.ts";

// An administrator who uses only the keyboard creates a KMS key from the keys page: every control on the
// way is reached with Tab (never clicked), operated with Enter, Space or typing, and each wizard step
// puts focus where the next keystrokes belong. No mouse event is sent in this spec.

/** Presses Tab until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, most = 80): Promise<void> {
  for (let i = 0; i < most; i++) {
    // The locator is resolved again on every press: an element React re-rendered in place still counts.
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target.toString()} was not reached with ${most} presses of Tab`);
}

test("create a key with the keyboard alone", async ({ adminPage: page }) => {
  const alias = unique("e2e-keyboard");
  await page.goto("/keys");
  await tabTo(page, page.getByRole("link", { name: "Create key" }).first());
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/keys\/new/);

  // 1. Configure key: the defaults (symmetric, encrypt and decrypt, KMS-held material).
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Configure key");
  await tabTo(page, page.getByRole("button", { name: "Next" }));
  await page.keyboard.press("Enter");

  // 2. Labels: focus moved to the step; the alias and a tag are typed.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Add labels");
  await expect(page.getByTestId("wizard-step-title")).toBeFocused();
  await tabTo(page, page.getByLabel("Alias", { exact: true }));
  await page.keyboard.type(alias);
  await tabTo(page, page.getByRole("button", { name: "Add tag" }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel("Tag key 1"));
  await page.keyboard.type("team");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Tag value 1")).toBeFocused();
  await page.keyboard.type("keyboard");
  await tabTo(page, page.getByRole("button", { name: "Next" }));
  await page.keyboard.press("Enter");

  // 3. Key administrators: the signed-in admin is preselected; Space toggles a checkbox.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Define key administrative permissions");
  const deleteToo = page.getByRole("checkbox", { name: /Allow key administrators to delete this key/ });
  await tabTo(page, deleteToo);
  await page.keyboard.press("Space");
  await expect(deleteToo).not.toBeChecked();
  await tabTo(page, page.getByRole("button", { name: "Next" }));
  await page.keyboard.press("Enter");

  // 4. Key users: nothing to add.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Define key usage permissions");
  await tabTo(page, page.getByRole("button", { name: "Next" }));
  await page.keyboard.press("Enter");

  // 5. Review: the equivalent commands' tabs follow the arrow keys; Finish creates the key.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Review");
  await tabTo(page, page.getByRole("tab", { name: "AWS CLI" }));
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Terraform" })).toBeFocused();
  await expect(page.getByTestId("review-terraform")).toContainText(`alias/${alias}`);
  await snap(page, "keyboard-only-review");
  await tabTo(page, page.getByRole("button", { name: "Finish" }));
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/keys\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `alias/${alias}` })).toBeVisible();
  // The key page's tabs follow the arrow keys too: Tab reaches the selected one (the others leave the tab
  // order, as the ARIA tabs pattern has it), Home goes to the first.
  await tabTo(page, page.getByRole("tab", { selected: true }));
  await page.keyboard.press("Home");
  await expect(page.getByRole("tab", { name: "Key policy" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Cryptographic configuration" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: /^Tags/ })).toBeFocused();
  await expect(page.getByRole("cell", { name: "keyboard" })).toBeVisible();
  await snap(page, "keyboard-only-key");
});
