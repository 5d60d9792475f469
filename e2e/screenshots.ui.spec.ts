import path from "node:path";
import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique, waitForState } from "./support/console.ts";
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

test("key stores table with several stores fits its card at 1440 px, and scrolls inside it when narrower", async ({
  adminPage: page,
  adminApi: api,
}) => {
  test.setTimeout(120_000); // four clusters and stores, and a connect that fails
  const ids: string[] = [];
  try {
    for (const prefix of ["e2e-layout-store", "e2e-layout-store-with-a-much-longer-name-than-usual", "e2e-layout"]) {
      ids.push(await createKeyStore(api, await createLocalCluster(api), unique(prefix)));
    }
    // The widest badge: FAILED with its error code (a wrong kmsuser password fails only on connect).
    const failing = await createLocalCluster(api);
    ids.push(await createKeyStore(api, { ...failing, password: "WrongPass123" }, unique("e2e-layout-failed")));
    expect((await api.post(`/api/key-stores/${ids.at(-1)}/connect`)).status()).toBe(200);
    await waitForState(api, ids.at(-1)!, "FAILED");
    await page.goto("/key-stores");
    await expect(page.getByTestId("table-row")).not.toHaveCount(0);
    for (const id of ids) await expect(page.getByTestId("table-row").filter({ hasText: id })).toBeVisible();
    const table = page.getByTestId("key-stores-table").locator("table");
    // The table is no wider than its scroll box, which is no wider than the card.
    const fits = () =>
      table.evaluate((t) => ({
        table: t.scrollWidth,
        box: t.parentElement!.clientWidth,
        card: t.closest("[data-testid=key-stores-table]")!.clientWidth,
        page: document.documentElement.scrollWidth - window.innerWidth,
      }));
    const wide = await fits();
    expect(wide.table).toBeLessThanOrEqual(wide.box);
    expect(wide.box).toBeLessThanOrEqual(wide.card);
    await snap(page, "key-stores-table-several");

    // Narrower: the table scrolls inside the card; the page itself does not scroll sideways.
    await page.setViewportSize({ width: 1024, height: 900 });
    await expect.poll(async () => (await fits()).page).toBeLessThanOrEqual(0);
    await snap(page, "key-stores-table-1024");
  } finally {
    // The FAILED store must be disconnected before it can be deleted; the others never connected.
    for (const [i, id] of ids.entries()) {
      if (i === 3) {
        await api.post(`/api/key-stores/${id}/disconnect`);
        await waitForState(api, id, "DISCONNECTED");
      }
      await api.delete(`/api/key-stores/${id}`);
    }
  }
});
