import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./support/console.ts";
import { E2E_BASE_URL, E2E_REGION } from "./support/e2e-env.ts";

// The whole story of issue 12's users and audit pages: an admin creates an operator and an access key,
// the operator signs in elsewhere and uses the key with the real AWS CLI, the admin finds those calls in
// the audit log, filters, opens one and exports the filter as CloudTrail JSON lines; the key is then
// deactivated and the CLI gets AWS's error.

const run = promisify(execFile);
const PASSWORD = "operator e2e password 1";

async function aws(home: string, key: { id: string; secret: string }, args: string[]) {
  return run("/usr/bin/aws", [...args, "--endpoint-url", `${E2E_BASE_URL}/api/aws`, "--region", E2E_REGION, "--output", "json"], {
    env: {
      NODE_ENV: "test",
      PATH: "/usr/bin:/bin",
      HOME: home,
      AWS_ACCESS_KEY_ID: key.id,
      AWS_SECRET_ACCESS_KEY: key.secret,
      AWS_CONFIG_FILE: path.join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
      AWS_PAGER: "",
    },
  });
}

async function both(page: Page, name: string) {
  await snap(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test("admin creates an operator and a key; the CLI uses it; the audit log shows, filters and exports it", async ({
  adminPage: page,
  browser,
}) => {
  test.setTimeout(240_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-e2e-cli-"));
  const userName = unique("e2e-operator");

  // Users page, create dialog.
  await page.goto("/users");
  await expect(page.getByTestId("users-table")).toBeVisible();
  await both(page, "users-list");
  await page.getByRole("button", { name: "Create user" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create user" });
  await dialog.getByLabel("User name").fill(userName);
  await dialog.getByLabel("Role").selectOption("operator");
  await dialog.getByLabel("Initial password", { exact: true }).fill("short");
  await dialog.getByRole("button", { name: "Create user" }).click();
  await expect(dialog.getByTestId("field-error")).toContainText("at least 12 characters");
  await both(page, "users-create-dialog");
  await dialog.getByLabel("Initial password", { exact: true }).fill(PASSWORD);
  await dialog.getByRole("button", { name: "Create user" }).click();

  // The user's page: create an access key and read the secret from the one-time dialog.
  await expect(page.getByRole("heading", { name: userName, level: 1 })).toBeVisible();
  await both(page, "user-detail");
  await page.getByRole("button", { name: "Create access key" }).click();
  const once = page.getByTestId("new-access-key");
  await expect(once).toBeVisible();
  const key = {
    id: (await once.getByTestId("new-access-key-id").textContent())!,
    secret: (await once.getByTestId("new-secret-access-key").textContent())!,
  };
  expect(key.id).toMatch(/^AKIA[A-Z2-7]{16}$/);
  await expect(once.getByTestId("credentials-snippet")).toContainText(`aws_secret_access_key = ${key.secret}`);
  await expect(once.getByTestId("config-snippet")).toContainText(`endpoint_url = ${E2E_BASE_URL}/api/aws`);
  await expect(once.getByTestId("configure-snippet")).toContainText(`aws configure set region ${E2E_REGION}`);
  await both(page, "access-key-created-once");
  await page.getByRole("button", { name: "I have saved the secret" }).click();
  await expect(page.getByTestId("access-key-row")).toHaveCount(1);
  await expect(page.getByText(key.secret)).toHaveCount(0);

  // The operator signs in in a browser of their own and sees My account.
  const other = await browser.newContext({ baseURL: E2E_BASE_URL, viewport: { width: 1440, height: 900 } });
  const opPage = await other.newPage();
  await opPage.goto("/login");
  await opPage.getByLabel("User name").fill(userName);
  await opPage.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await opPage.getByRole("button", { name: /sign in/i }).click();
  // A sign-in spends an scrypt hash at OWASP's cost (N = 2^17): slow on a busy machine.
  await expect(opPage).not.toHaveURL(/\/login/, { timeout: 30_000 });
  await opPage.goto("/account");
  await expect(opPage.getByTestId("access-key-row")).toContainText(key.id);
  await both(opPage, "my-account");
  await opPage.goto("/users");
  await expect(opPage.getByTestId("admin-only")).toBeVisible();
  await both(opPage, "users-refused-for-operator");

  // The real AWS CLI with that key: list keys, create one, encrypt.
  const listed = JSON.parse((await aws(home, key, ["kms", "list-keys"])).stdout) as { Keys: unknown[] };
  expect(Array.isArray(listed.Keys)).toBe(true);
  const created = JSON.parse((await aws(home, key, ["kms", "create-key", "--description", `${userName} key`])).stdout) as {
    KeyMetadata: { KeyId: string };
  };
  const keyId = created.KeyMetadata.KeyId;
  const enc = JSON.parse((await aws(home, key, ["kms", "encrypt", "--key-id", keyId, "--plaintext", "aGVsbG8="])).stdout) as {
    KeyId: string;
  };
  expect(enc.KeyId).toContain(keyId);

  // The admin finds those events with the user's name and access key id.
  await page.goto(`/audit?user=${encodeURIComponent(userName)}`);
  const rows = page.getByTestId("audit-row");
  await expect(rows.filter({ hasText: "Encrypt" })).toHaveCount(1, { timeout: 15_000 });
  await expect(rows.filter({ hasText: "ListKeys" }).first()).toContainText(key.id);
  await expect(rows.filter({ hasText: "Encrypt" })).toContainText(userName);
  await both(page, "audit-filtered-by-user");

  // Filter by event as well (through the form: the URL follows).
  await page.getByLabel("Event name").fill("Encrypt");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/event=Encrypt/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("link", { name: keyId })).toBeVisible();

  // The detail view.
  await rows.first().getByRole("button", { name: "Encrypt" }).click();
  const detail = page.getByTestId("audit-event-detail");
  await expect(detail).toContainText(key.id);
  await expect(detail.getByTestId("detail-requestParameters")).toContainText(keyId);
  await expect(detail.getByTestId("detail-requestParameters")).not.toContainText("aGVsbG8=");
  await both(page, "audit-event-detail");
  await page.getByRole("button", { name: "Close" }).last().click();

  // Export: the file holds exactly the filtered events, as CloudTrail records.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  const text = fs.readFileSync((await download.path())!, "utf8");
  const records = text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    eventVersion: "1.08",
    eventSource: "kms.amazonaws.com",
    eventName: "Encrypt",
    awsRegion: E2E_REGION,
    eventType: "AwsApiCall",
    readOnly: true,
    userIdentity: { type: "IAMUser", userName, accessKeyId: key.id, arn: expect.stringContaining(`:user/${userName}`) },
    resources: [{ type: "AWS::KMS::Key", ARN: expect.stringContaining(keyId) }],
  });
  expect(records[0]).toHaveProperty("requestID");
  expect(records[0]).toHaveProperty("eventID");

  // The status poller's reads are hidden by default and shown, marked, on request.
  await page.goto("/audit?event=DescribeCustomKeyStores");
  await expect(page.getByTestId("audit-events")).toContainText(/No events match|DescribeCustomKeyStores/);
  await expect(page.getByText("System", { exact: true })).toHaveCount(0);
  // The box follows the URL, which changes just after the click: click, then wait for the URL.
  await page.getByLabel("Show the status poller's reads").click();
  await expect(page).toHaveURL(/system=show/);
  await expect(page.getByText("System", { exact: true }).first()).toBeVisible({ timeout: 15_000 });
  await both(page, "audit-system-shown");

  // Deactivate the key: the CLI gets AWS's error at once.
  await page.goto("/users");
  await page.getByRole("link", { name: userName }).click();
  await page.getByTestId("access-key-row").getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByTestId("access-key-row")).toContainText("Inactive");
  await both(page, "access-key-deactivated");
  const refused = await aws(home, key, ["kms", "list-keys"]).then(
    () => "",
    (e: { stderr: string }) => e.stderr,
  );
  expect(refused).toContain("UnrecognizedClientException");

  await other.close();
  fs.rmSync(home, { recursive: true, force: true });
});
