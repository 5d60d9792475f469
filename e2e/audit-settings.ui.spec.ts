import { expect, test } from "./fixtures.ts";
import { snap } from "./support/console.ts";
import { E2E_BASE_URL, E2E_OPERATOR } from "./support/e2e-env.ts";
import { createAwsKmsKey } from "./support/keys.ts";

// The audit page's Retention setting (admins; bounds; audited; the list says what is in force) and the
// response elements of a state-changing call in the event detail.

// Each test signs in (an scrypt hash at OWASP's cost) and loads the audit page on a shared machine.
test.describe.configure({ timeout: 90_000 });

test("an admin changes the retention within its bounds; the change is audited", async ({ adminPage: page }) => {
  await page.goto("/audit");
  await expect(page.getByTestId("audit-retention")).toContainText(/Kept for \d+ days/);
  await page.getByRole("button", { name: "Retention", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Audit log retention" });
  const days = dialog.getByLabel("Keep events for (days)");
  await days.fill("0");
  await dialog.getByRole("button", { name: "Save retention" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText("Keep events for at least 1 day.");
  await days.fill("40000");
  await dialog.getByRole("button", { name: "Save retention" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText("Keep events for at most 36,500 days (100 years).");
  await snap(page, "audit-retention-dialog-error-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "audit-retention-dialog-error-390");
  await page.setViewportSize({ width: 1440, height: 900 });

  await days.fill("400");
  await dialog.getByRole("button", { name: "Save retention" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("audit-retention")).toContainText("Kept for 400 days");

  await page.goto("/audit?event=UpdateAuditRetention");
  const row = page.getByTestId("audit-row").first();
  await row.getByRole("button", { name: "UpdateAuditRetention" }).click();
  await expect(page.getByTestId("detail-requestParameters")).toContainText('"retentionDays": 400');

  // Other specs share the server: put the default back.
  const { auditRetentionDefaultDays } = (await (await page.request.get("/api/settings")).json()) as { auditRetentionDefaultDays: number };
  const reset = await page.request.put("/api/settings", { data: { auditRetentionDays: auditRetentionDefaultDays } });
  expect(reset.status()).toBe(200);
});

test("the server refuses out-of-bounds values and non-admins", async ({ adminApi, playwright }) => {
  const bad = await adminApi.put("/api/settings", { data: { auditRetentionDays: 0 } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.fields).toEqual({ auditRetentionDays: "Keep events for at least 1 day." });
  const operator = await playwright.request.newContext({ baseURL: E2E_BASE_URL, extraHTTPHeaders: { "content-type": "application/json" } });
  expect((await operator.post("/api/auth/login", { data: E2E_OPERATOR })).status()).toBe(200);
  expect((await operator.put("/api/settings", { data: { auditRetentionDays: 30 } })).status()).toBe(403);
  expect((await operator.get("/api/settings")).status()).toBe(200);
  await operator.dispose();
});

test("the detail of a CreateKey shows what KMS answered", async ({ adminPage: page, adminApi }) => {
  const { keyId } = await createAwsKmsKey(adminApi, { description: "answer shown" });
  await page.goto(`/audit?event=CreateKey&key=${keyId}`);
  const row = page.getByTestId("audit-row").first();
  await row.getByRole("button", { name: "CreateKey" }).click();
  const answer = page.getByTestId("detail-responseElements");
  await expect(answer).toContainText(`"KeyId": "${keyId}"`);
  await expect(answer).toContainText('"Description": "answer shown"');
  await snap(page, "audit-detail-response-elements-1440");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "audit-detail-response-elements-390");
});
