import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, openErrorToast, snap, unique, waitForState } from "./support/console.ts";

// Every console page at a phone's, a small laptop's and a desktop's width: the page never scrolls
// sideways (a wide table scrolls inside its card), the header spans the width, and the key stores and
// keys tables keep each row's name and actions in view. Screenshots in e2e/screenshots/width-*.png.

const WIDTHS = [390, 1024, 1440] as const;

// One worker for the file: one sample store (an account holds at most 10).
test.describe.configure({ mode: "default" });

type Sample = { storeId: string; keyId: string; aliaslessKeyId: string };
let sample: Sample | undefined;

/** A connected store holding a key with an alias and one without, so its key table has both. */
async function prepare(api: APIRequestContext): Promise<Sample> {
  const cluster = await createLocalCluster(api);
  const storeId = await createKeyStore(api, cluster, unique("e2e-widths-store-with-a-rather-long-name"));
  expect((await api.post(`/api/key-stores/${storeId}/connect`)).status()).toBe(200);
  await waitForState(api, storeId, "CONNECTED");
  const create = async (alias: string) => {
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
    });
    const r = await api.post("/api/keys", {
      data: { origin: "AWS_CLOUDHSM", customKeyStoreId: storeId, alias, description: "", tags: [], policy },
    });
    expect(r.status(), await r.text()).toBe(201);
    return ((await r.json()) as { keyId: string }).keyId;
  };
  const keyId = await create(unique("e2e-widths-key"));
  const aliasless = unique("e2e-widths-aliasless");
  const aliaslessKeyId = await create(aliasless);
  const d = await api.delete(`/api/keys/${aliaslessKeyId}/aliases`, { data: { aliasName: `alias/${aliasless}` } });
  expect(d.status(), await d.text()).toBe(200);
  return { storeId, keyId, aliaslessKeyId };
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const { signedInApi } = await import("./fixtures.ts");
  const api = await signedInApi(playwright.request, baseURL);
  try {
    sample = await prepare(api);
  } finally {
    await api.dispose();
  }
});

const pages = (s: Sample) => [
  { name: "key-stores", path: "/key-stores", ready: "table-row" },
  { name: "key-stores-external", path: "/key-stores?type=external" },
  { name: "key-store-new", path: "/key-stores/new" },
  { name: "key-store-detail", path: `/key-stores/${s.storeId}`, ready: "store-keys" },
  { name: "keys", path: "/keys", ready: "table-row" },
  { name: "key-new", path: "/keys/new" },
  { name: "key-detail", path: `/keys/${s.keyId}`, ready: "key-state" },
  { name: "clusters", path: "/clusters", ready: "az-group" },
  { name: "audit", path: "/audit" },
  { name: "users", path: "/users", ready: "users-table" },
  { name: "account", path: "/account", ready: "access-keys" },
];

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth, headerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    headerWidth: document.querySelector("header")?.getBoundingClientRect().width ?? window.innerWidth,
  }));
  expect.soft(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(innerWidth);
  expect.soft(headerWidth, "the header spans the width").toBeGreaterThanOrEqual(innerWidth - 1);
}

/** The first row's name cell and its Actions button are inside the viewport, even while the table scrolls. */
async function expectNameAndActionsVisible(page: Page) {
  const row = page.getByTestId("table-row").first();
  await expect(row).toBeVisible();
  const width = page.viewportSize()!.width;
  for (const target of [row.locator("td").first().getByRole("link").first(), row.getByRole("button", { name: /^Actions for / })]) {
    await expect(target).toBeVisible();
    const box = (await target.boundingBox())!;
    expect(box.x, "starts inside the viewport").toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, "ends inside the viewport").toBeLessThanOrEqual(width);
  }
  // Scrolled to the far end of its card, the name is still there (sticky), and so are the actions.
  await row.locator("xpath=ancestor::div[contains(@class,'overflow-x-auto')][1]").evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const name = (await row.locator("td").first().boundingBox())!;
  expect(name.x).toBeGreaterThanOrEqual(0);
}

for (const width of WIDTHS) {
  test(`every console page fits ${width} px without sideways scrolling`, async ({ adminPage: page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    for (const p of pages(sample!)) {
      await page.goto(p.path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      if (p.ready) await expect(page.getByTestId(p.ready).first()).toBeVisible();
      await expectNoSidewaysScroll(page);
      await snap(page, `width-${width}-${p.name}`);
      if (p.name === "key-stores" || p.name === "keys") await expectNameAndActionsVisible(page);
      // An open toast (it stays: it has a request id) must not widen the page either.
      await openErrorToast(page);
      await expectNoSidewaysScroll(page);
      if (p.name === "key-stores") await snap(page, `width-${width}-toast`);
      await page.unrouteAll();
    }
  });
}

test("the sign-in page fits 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /Sign in/ })).toBeVisible();
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  await snap(page, "width-390-login");
});

test("a key without an alias is named by its id in its store's key table", async ({ adminPage: page }) => {
  await page.goto(`/key-stores/${sample!.storeId}`);
  const table = page.getByTestId("store-keys");
  await expect(table.getByRole("link", { name: sample!.aliaslessKeyId }).first()).toBeVisible();
  await expect(table.getByRole("link", { name: "—", exact: true })).toHaveCount(0);
});
