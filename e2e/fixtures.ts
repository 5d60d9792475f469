import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./support/e2e-env.ts";

type Fixtures = {
  /** An API client signed in as the e2e admin (its own cookie jar). */
  adminApi: APIRequestContext;
  /** A browser page whose context is signed in as the e2e admin. */
  adminPage: Page;
};

export const test = base.extend<Fixtures>({
  adminApi: async ({ playwright, baseURL }, use) => {
    const api = await playwright.request.newContext({ baseURL });
    const response = await api.post("/api/auth/login", { data: E2E_ADMIN });
    expect(response.status(), await response.text()).toBe(200);
    await use(api);
    await api.dispose();
  },
  adminPage: async ({ page }, use) => {
    // page.request shares the browser context's cookies, so this signs the page in.
    const response = await page.request.post("/api/auth/login", { data: E2E_ADMIN });
    expect(response.status(), await response.text()).toBe(200);
    await use(page);
  },
});

export { expect };
