import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique } from "./support/console.ts";

// The server's field errors (ApiError.fields) land beside the same fields the browser's own checks
// use, and a wizard goes back to the step that holds the first bad field (lib/console/use-schema-form.ts).

test.describe.configure({ timeout: 120_000 });

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
});

/** Screenshots at 1440 and 390 px; at 390 the page must not scroll sideways. */
async function snapBoth(page: Page, name: string) {
  await snap(page, `${name}-1440`);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await snap(page, `${name}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** The text box labelled `label` (its field error is part of its accessible description). */
const control = (page: Page, label: string) => page.getByRole("textbox", { name: label, exact: true });

test("a store name already in use takes the store wizard back to its name, with KMS's message there", async ({
  adminPage: page,
  adminApi,
}) => {
  const taken = unique("e2e-taken-store");
  await createKeyStore(adminApi, await createLocalCluster(adminApi), taken);
  const cluster = await createLocalCluster(adminApi);

  await page.goto("/key-stores/new");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Key store name").fill(taken);
  await page.locator(`input[type=radio][value="${cluster.clusterId}"]`).check();
  await page.getByRole("button", { name: "Next" }).click();
  await page
    .getByTestId("trust-anchor-file")
    .setInputFiles({ name: "customerCA.crt", mimeType: "application/x-x509-ca-cert", buffer: Buffer.from(cluster.trustAnchor) });
  await page.getByLabel("kmsuser password", { exact: true }).fill(cluster.password);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Review and create");
  await page.getByRole("button", { name: "Create key store" }).click();

  await expect(page.getByTestId("wizard-step-title")).toHaveText("Name and cluster");
  const name = control(page, "Key store name");
  await expect(name).toHaveAttribute("aria-invalid", "true");
  await expect(name).toHaveAccessibleDescription(/already|in use/i);
  await snapBoth(page, "form-errors-store-name-in-use");
});

test("an alias already in use takes the key wizard back to its labels, with the error under Alias", async ({
  adminPage: page,
  adminApi,
}) => {
  const alias = unique("e2e-taken-alias");
  const r = await adminApi.post("/api/keys", { data: { origin: "AWS_KMS", alias, description: "", tags: [], policy: POLICY } });
  expect(r.status(), await r.text()).toBe(201);

  await page.goto("/keys/new");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Add labels");
  await page.getByLabel("Alias", { exact: true }).fill(alias);
  for (const title of ["Define key administrative permissions", "Define key usage permissions", "Review"]) {
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByTestId("wizard-step-title")).toHaveText(title);
  }
  await page.getByRole("button", { name: "Finish" }).click();

  await expect(page.getByTestId("wizard-step-title")).toHaveText("Add labels");
  const field = control(page, "Alias");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/is already used by another key/);
  await snapBoth(page, "form-errors-alias-in-use");
});

test("the external store wizard goes to the step of the first field the server names", async ({ adminPage: page }) => {
  // The server's answer is fixed here (what the API sends for a name in use and a refused endpoint),
  // so no proxy is needed: what is tested is where the wizard puts each field's error.
  await page.route("**/api/key-stores/external", (route) =>
    route.request().method() === "POST"
      ? route.fulfill({
          status: 400,
          json: {
            error: {
              code: "XksProxyUriEndpointInUseException",
              message: "The endpoint is in use.",
              fields: { xksProxyUriPath: "This path is in use with this endpoint.", xksProxyUriEndpoint: "This endpoint is in use." },
            },
            requestId: "e2e-request-id",
          },
        })
      : route.fallback(),
  );
  await page.goto("/key-stores/new?type=external");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Key store name").fill(unique("e2e-xks-errors"));
  await page.getByLabel("Proxy URI endpoint").fill("https://xks.example.com");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Proxy path and credential");
  await page.getByLabel("Proxy credential: Access key ID").fill("ABCDEFGHIJKLMNOPQRST");
  await page.getByLabel("Proxy credential: Secret access key").fill("a".repeat(43));
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Review and create");
  await page.getByRole("button", { name: "Create external key store" }).click();

  // The endpoint (step 2) comes before the path (step 3): the wizard shows step 2.
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Name and proxy connectivity");
  await expect(control(page, "Proxy URI endpoint")).toHaveAccessibleDescription(/This endpoint is in use\./);
  // The exception name, for searching, is shown there too.
  await expect(page.getByRole("alert").filter({ hasText: "XksProxyUriEndpointInUseException" })).toBeVisible();
  await snapBoth(page, "form-errors-xks-step");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("wizard-step-title")).toHaveText("Proxy path and credential");
});
