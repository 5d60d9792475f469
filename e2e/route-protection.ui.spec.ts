import { expect, test } from "./fixtures.ts";
import { isApiPath, isPublicPath } from "../lib/auth/public-paths.ts";
import { builtRoutes } from "./support/routes.ts";

// In a real browser, every page of the build (from Next's manifest) sends an anonymous visitor to
// the sign-in page, remembering where they were going.
const pages = builtRoutes().filter((r) => !isPublicPath(r.path) && !isApiPath(r.path));

for (const route of pages) {
  test(`visiting ${route.pattern} without a session lands on sign-in`, async ({ page }) => {
    await page.goto(route.path);
    await expect(page).toHaveURL((url) => url.pathname === "/login");
    if (route.path !== "/") expect(new URL(page.url()).searchParams.get("next")).toBe(route.path);
    await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
  });
}

test("an expired or forged session cookie is not enough to see the console", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "keyhold_session", value: "B".repeat(43), url: baseURL! }]);
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?next=%2Fkeys$/);
  await expect(page.getByRole("navigation", { name: "Console" })).toHaveCount(0);
});
