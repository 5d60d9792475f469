import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";

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
  { name: "unknown key store", path: "/key-stores/cks-00000000000000000" },
];

for (const p of PAGES) {
  test(`axe: ${p.name}`, async ({ adminPage: page }) => {
    await page.goto(p.path);
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
