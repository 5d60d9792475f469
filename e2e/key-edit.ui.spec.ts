import { expect, test } from "./fixtures.ts";
import { snap, unique } from "./support/console.ts";
import { createAwsKmsKey } from "./support/keys.ts";

// The key detail page's label editors, as a user works them: tags, aliases and the description;
// bad input is refused beside the field; a key pending deletion says why it cannot be edited.

test.describe.configure({ timeout: 60_000 });

test("add, edit and remove a tag; a reserved tag key is refused beside the field", async ({ adminPage: page, adminApi }) => {
  const { keyId } = await createAwsKmsKey(adminApi);
  await page.goto(`/keys/${keyId}`);
  await page.getByRole("tab", { name: /^Tags/ }).click();
  await expect(page.getByText("This key has no tags.")).toBeVisible();

  // A reserved key: the browser refuses it with the schema's message.
  await page.getByRole("button", { name: "Add tag" }).click();
  const form = page.getByRole("form", { name: "Add tag" });
  await form.getByLabel("Tag key").fill("aws:owner");
  await form.getByRole("button", { name: "Add tag" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Tag keys beginning with aws: are reserved.");
  await expect(form.getByLabel("Tag key")).toHaveAttribute("aria-invalid", "true");
  await snap(page, "key-edit-tag-error");

  await form.getByLabel("Tag key").fill("cost-center");
  await form.getByLabel("Tag value").fill("1234");
  await form.getByRole("button", { name: "Add tag" }).click();
  const row = page.getByTestId("tag-row-cost-center");
  await expect(row).toContainText("1234");
  await expect(page.getByRole("tab", { name: "Tags (1)" })).toBeVisible();
  await snap(page, "key-edit-tag-added");

  await row.getByRole("button", { name: "Edit tag cost-center" }).click();
  await row.getByLabel("Value of cost-center").fill("5678");
  await snap(page, "key-edit-tag-editing");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row).toContainText("5678");
  await expect(row.getByLabel("Value of cost-center")).toHaveCount(0);

  await row.getByRole("button", { name: "Remove tag cost-center" }).click();
  await expect(page.getByText("This key has no tags.")).toBeVisible();
  await expect(page.getByRole("tab", { name: "Tags (0)" })).toBeVisible();
  expect(((await (await adminApi.get(`/api/keys/${keyId}`)).json()) as { tags: unknown[] }).tags).toEqual([]);
});

test("create an alias (a name in use is refused beside the field) and delete one after confirming", async ({
  adminPage: page,
  adminApi,
}) => {
  const { keyId, alias } = await createAwsKmsKey(adminApi);
  const other = await createAwsKmsKey(adminApi);
  await page.goto(`/keys/${keyId}`);
  await page.getByRole("tab", { name: /^Aliases/ }).click();
  await expect(page.getByTestId(`alias-row-${alias}`)).toBeVisible();

  await page.getByRole("button", { name: "Create alias" }).click();
  const form = page.getByRole("form", { name: "Create alias" });
  await form.getByLabel("Alias name").fill("aws/mine");
  await form.getByRole("button", { name: "Create alias" }).click();
  await expect(form.getByTestId("field-error")).toHaveText("Aliases beginning with aws/ are reserved for AWS managed keys.");

  // Taken by another key: KMS's AlreadyExistsException, shown beside the field.
  await form.getByLabel("Alias name").fill(other.alias);
  await form.getByRole("button", { name: "Create alias" }).click();
  await expect(form.getByTestId("field-error")).toContainText("already exists");
  await snap(page, "key-edit-alias-exists");

  const added = `alias/${unique("e2e-ui-alias")}`;
  await form.getByLabel("Alias name").fill(added.replace(/^alias\//, ""));
  await form.getByRole("button", { name: "Create alias" }).click();
  await expect(page.getByTestId(`alias-row-${added}`)).toBeVisible();
  await expect(page.getByRole("tab", { name: "Aliases (2)" })).toBeVisible();
  await snap(page, "key-edit-alias-added");

  await page.getByRole("button", { name: `Delete alias ${alias}` }).click();
  const dialog = page.getByRole("dialog", { name: "Delete alias" });
  await expect(dialog).toContainText(alias);
  await snap(page, "key-edit-alias-delete-confirm");
  await dialog.getByRole("button", { name: "Delete alias" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId(`alias-row-${alias}`)).toHaveCount(0);
  await expect(page.getByRole("tab", { name: "Aliases (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: added })).toBeVisible();
});

test("edit the description; too long a description is refused beside the field", async ({ adminPage: page, adminApi }) => {
  const { keyId } = await createAwsKmsKey(adminApi, { description: "Orders database" });
  await page.goto(`/keys/${keyId}`);
  await expect(page.getByTestId("key-description")).toContainText("Orders database");
  await page.getByRole("button", { name: "Edit description" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit description" });
  await dialog.getByLabel("Description").fill("x".repeat(8193));
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByTestId("field-error")).toHaveText("Descriptions have at most 8192 characters.");
  await snap(page, "key-edit-description-error");
  await dialog.getByLabel("Description").fill("Orders database (EU)");
  await snap(page, "key-edit-description-dialog");
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("key-description")).toContainText("Orders database (EU)");
  await snap(page, "key-edit-description-saved");
});

test("a key pending deletion cannot be tagged, aliased or described, and says why", async ({ adminPage: page, adminApi }) => {
  const { keyId, alias } = await createAwsKmsKey(adminApi, { tags: [{ tagKey: "env", tagValue: "dev" }] });
  const r = await adminApi.post(`/api/keys/${keyId}/state`, { data: { action: "schedule-deletion", pendingWindowInDays: 7 } });
  expect(r.status()).toBe(200);
  await page.goto(`/keys/${keyId}`);
  const reason = "The key is pending deletion: KMS refuses this until the deletion is cancelled.";
  await expect(page.getByRole("button", { name: "Edit description" })).toBeDisabled();
  await page.getByRole("tab", { name: /^Tags/ }).click();
  await expect(page.getByRole("button", { name: "Add tag" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Edit tag env" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Remove tag env" })).toBeDisabled();
  await expect(page.getByTestId("key-tags")).toContainText(reason);
  await snap(page, "key-edit-pending-deletion-tags");
  await page.getByRole("tab", { name: /^Aliases/ }).click();
  await expect(page.getByRole("button", { name: "Create alias" })).toBeDisabled();
  await expect(page.getByTestId("key-aliases")).toContainText(reason);
  // DeleteAlias works in every key state.
  await expect(page.getByRole("button", { name: `Delete alias ${alias}` })).toBeEnabled();
});
