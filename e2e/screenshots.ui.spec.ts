import path from "node:path";
import { expect, test } from "./fixtures.ts";
import { E2E_ADMIN } from "./support/e2e-env.ts";

// Screenshots for design review, written to e2e/screenshots/ (git-ignored).
const shot = (name: string) => path.join("e2e", "screenshots", `${name}.png`);

test("sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await page.screenshot({ path: shot("login"), fullPage: true });

  await page.getByLabel("User name").fill(E2E_ADMIN.userName);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("login-error")).toBeVisible();
  await page.screenshot({ path: shot("login-error"), fullPage: true });
});

test("sign-in page on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
  await page.screenshot({ path: shot("login-mobile"), fullPage: true });
});

for (const s of [
  { name: "key-stores", path: "/key-stores", heading: "Key stores" },
  { name: "key-stores-external", path: "/key-stores?type=external", heading: "Key stores" },
  { name: "keys", path: "/keys", heading: "Customer managed keys" },
  { name: "clusters", path: "/clusters", heading: "CloudHSM clusters" },
  { name: "audit", path: "/audit", heading: "Event history" },
]) {
  test(`shell: ${s.name}`, async ({ adminPage: page }) => {
    await page.goto(s.path);
    await expect(page.getByRole("heading", { level: 1, name: s.heading })).toBeVisible();
    await page.screenshot({ path: shot(`shell-${s.name}`), fullPage: true });
  });
}

test("shell: user menu open", async ({ adminPage: page }) => {
  await page.goto("/key-stores");
  await page.getByTestId("user-menu-trigger").click();
  await expect(page.getByRole("menu")).toBeVisible();
  await page.screenshot({ path: shot("shell-user-menu") });
});

test("shell on a tablet", async ({ adminPage: page }) => {
  await page.setViewportSize({ width: 820, height: 1100 });
  await page.goto("/keys");
  await expect(page.getByRole("heading", { level: 1, name: "Customer managed keys" })).toBeVisible();
  await page.screenshot({ path: shot("shell-tablet"), fullPage: true });
});
