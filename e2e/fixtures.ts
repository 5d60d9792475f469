import { test as base, expect, type APIRequest, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_BASE_URL } from "./support/e2e-env.ts";

type Fixtures = {
  /** An API client signed in as the e2e admin (its own cookie jar). */
  adminApi: APIRequestContext;
  /** A browser page whose context is signed in as the e2e admin. */
  adminPage: Page;
  /**
   * An API client signed in as the admin of the main (local-backend) console even where a spec sets
   * baseURL to the aws-backed one (e2e/backend-outage.ui.spec.ts).
   */
  localAdminApi: APIRequestContext;
};

/** An API client for baseURL, signed in as the e2e admin (afterAll hooks, which get no test fixtures). */
export async function signedInApi(request: APIRequest, baseURL?: string): Promise<APIRequestContext> {
  // The console refuses state-changing requests without Content-Type: application/json, bodyless ones too.
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { "content-type": "application/json" } });
  const response = await api.post("/api/auth/login", { data: E2E_ADMIN });
  expect(response.status(), await response.text()).toBe(200);
  return api;
}

export const test = base.extend<Fixtures>({
  adminApi: async ({ playwright, baseURL }, use) => {
    const api = await signedInApi(playwright.request, baseURL);
    await use(api);
    await api.dispose();
  },
  localAdminApi: async ({ playwright }, use) => {
    const api = await signedInApi(playwright.request, E2E_BASE_URL);
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
