import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./support/console.ts";
import { E2E_BASE_URL } from "./support/e2e-env.ts";
import { createAwsKmsKey } from "./support/keys.ts";

// A user who just signed in with a password, with no access key of their own, uses the key pages: the
// console signs their KMS calls with a credential of their session, so their role and the key policy
// decide, and the audit log names them.

// Every user created or signed in costs an scrypt hash at OWASP's cost (N = 2^17).
test.describe.configure({ timeout: 120_000 });
const PASSWORD = "fresh user e2e password 1";

async function freshUserPage(adminApi: APIRequestContext, browser: Browser, role: "viewer" | "operator"): Promise<[Page, string]> {
  const userName = unique(`e2e-fresh-${role}`);
  const res = await adminApi.post("/api/users", { data: { userName, role, password: PASSWORD } });
  expect(res.status(), await res.text()).toBe(201);
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("User name").fill(userName);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
  return [page, userName];
}

test("a fresh viewer and operator with no access key use the key pages as their role allows", async ({ adminApi, browser }) => {
  const { keyId } = await createAwsKmsKey(adminApi, { description: "for fresh users" });

  for (const role of ["viewer", "operator"] as const) {
    const [page, userName] = await freshUserPage(adminApi, browser, role);
    // No access key of their own …
    await page.goto("/account");
    await expect(page.getByTestId("access-keys")).toContainText("No access keys");
    // … and still the keys list and the key page, read through KMS as themselves.
    await page.goto(`/keys?q=${keyId}`);
    await expect(page.getByTestId("keys-table").getByTestId("table-row").filter({ hasText: keyId })).toBeVisible({ timeout: 20_000 });
    await page.goto(`/keys/${keyId}`);
    const tryIt = page.getByTestId("try-it");
    await tryIt.getByLabel("Plaintext").fill("fresh user text");
    await tryIt.getByRole("button", { name: "Encrypt", exact: true }).click();
    if (role === "operator") {
      await expect(tryIt.getByTestId("ciphertext")).toBeVisible();
      await snap(page, `fresh-operator-key-page-1440`);
      await page.setViewportSize({ width: 390, height: 844 });
      await snap(page, `fresh-operator-key-page-390`);
    } else {
      // A viewer's role does not allow Encrypt, and the key policy names only the account.
      await expect(tryIt.getByTestId("try-it-error")).toContainText("AccessDeniedException");
      await expect(tryIt.getByTestId("try-it-error")).toContainText(`user/${userName}`);
      await snap(page, `fresh-viewer-key-page-1440`);
    }
    await page.context().close();

    // The audit names the user and the session's ASIA… credential, not an access key.
    const audit = await adminApi.get(`/api/audit?user=${userName}&event=Encrypt`);
    const { events } = (await audit.json()) as { events: { userName: string; accessKeyId: string; errorCode: string | null }[] };
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userName,
      accessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      errorCode: role === "operator" ? null : "AccessDeniedException",
    });
  }
});
