import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signedInApi, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, unique } from "./support/console.ts";

// axe on every console page (WCAG 2.1 A and AA rules): no serious or critical violations.

async function expectNoSeriousViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${name}: serious or critical axe violations`).toEqual([]);
}

const PAGES = [
  { name: "key stores", path: "/key-stores" },
  { name: "external key stores", path: "/key-stores?type=external" },
  { name: "key store wizard", path: "/key-stores/new" },
  { name: "keys", path: "/keys" },
  { name: "key wizard", path: "/keys/new" },
  { name: "clusters", path: "/clusters" },
  { name: "audit", path: "/audit" },
  { name: "users", path: "/users" },
  { name: "my account", path: "/account" },
  { name: "unknown key store", path: "/key-stores/cks-00000000000000000" },
];

// axe on a loaded page takes a while on a busy machine.
test.describe.configure({ timeout: 90_000 });

let detail: { storeId: string; keyId: string } | undefined;
test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await signedInApi(playwright.request, baseURL);
  try {
    const storeId = await createKeyStore(api, await createLocalCluster(api), unique("e2e-axe-store"));
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
    });
    const r = await api.post("/api/keys", { data: { origin: "AWS_KMS", alias: unique("e2e-axe-key"), description: "", tags: [], policy } });
    expect(r.status(), await r.text()).toBe(201);
    detail = { storeId, keyId: ((await r.json()) as { keyId: string }).keyId };
  } finally {
    await api.dispose();
  }
});

for (const p of [...PAGES, { name: "key store detail", path: "store" }, { name: "key detail", path: "key" }]) {
  test(`axe: ${p.name}`, async ({ adminPage: page }) => {
    await page.goto(p.path === "store" ? `/key-stores/${detail!.storeId}` : p.path === "key" ? `/keys/${detail!.keyId}` : p.path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // Loaded: no skeleton's "Loading…" status left.
    await expect(page.getByRole("status").filter({ hasText: "Loading…" })).toHaveCount(0);
    await expectNoSeriousViolations(page, p.name);
  });
}

test("axe: sign-in page", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: /Sign in/ })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-in");
});
