import { expect, test } from "./fixtures.ts";
import { openErrorToast } from "./support/console.ts";
import { E2E_ACCOUNT_ID, E2E_ADMIN, E2E_REGION } from "./support/e2e-env.ts";

const SECTIONS = [
  { link: "Key stores", path: "/key-stores", heading: "Key stores" },
  { link: "Keys", path: "/keys", heading: "Customer managed keys" },
  { link: "Clusters", path: "/clusters", heading: "CloudHSM clusters" },
  { link: "Audit", path: "/audit", heading: "Event history" },
];

test("admin signs in, uses the shell, visits every section and signs out", async ({ page }) => {
  await page.goto("/clusters");
  await expect(page).toHaveURL(/\/login\?next=%2Fclusters$/);
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();

  // Keyboard only: the user-name field has focus, Tab moves to the password, Enter submits.
  await expect(page.getByLabel("User name")).toBeFocused();
  await page.keyboard.type(E2E_ADMIN.userName);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(E2E_ADMIN.password);
  await page.keyboard.press("Enter");

  // Back where the redirect started.
  await expect(page).toHaveURL(/\/clusters$/);
  const nav = page.getByRole("navigation", { name: "Console" });
  for (const s of SECTIONS) await expect(nav.getByRole("link", { name: s.link, exact: true })).toBeVisible();
  await expect(page.getByTestId("backend-badge")).toHaveText(`Backend: Local · ${E2E_REGION}`);
  await expect(page.getByTestId("user-menu-trigger")).toContainText(E2E_ADMIN.userName);

  for (const s of SECTIONS) {
    await nav.getByRole("link", { name: s.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${s.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: s.heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: s.link, exact: true })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("navigation", { name: "Breadcrumbs" })).toContainText(s.link);
  }

  // The user menu shows the principal; open it from the keyboard.
  await page.getByTestId("user-menu-trigger").focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(menu.getByTestId("user-name")).toContainText(E2E_ADMIN.userName);
  await expect(menu.getByTestId("principal-arn")).toHaveText(`arn:aws:iam::${E2E_ACCOUNT_ID}:user/${E2E_ADMIN.userName}`);
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(page.getByTestId("user-menu-trigger")).toBeFocused();

  await page.getByTestId("user-menu-trigger").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to the console" })).toBeVisible();

  // The session is gone on the server, not only in this tab.
  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(401);
  await page.goto("/keys");
  await expect(page).toHaveURL(/\/login\?next=%2Fkeys$/);
});

test("a wrong password shows an error beside the form and keeps the user on sign-in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User name").fill(E2E_ADMIN.userName);
  await page.getByLabel("Password", { exact: true }).fill("definitely-not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  const error = page.getByTestId("login-error");
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute("role", "alert");
  await expect(error).toContainText("Incorrect user name or password.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
});

test("empty fields are explained without a round trip", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your user name.")).toBeVisible();
  await expect(page.getByLabel("User name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("User name")).toBeFocused();
});

test("a signed-in user who opens /login goes straight to the console", async ({ adminPage: page }) => {
  await page.goto("/login?next=%2Faudit");
  await expect(page).toHaveURL(/\/audit$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/key-stores$/);
});

test("an off-site next parameter is ignored", async ({ page }) => {
  await page.goto("/login?next=%2F%2Fevil.example%2F");
  await page.getByLabel("User name").fill(E2E_ADMIN.userName);
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/key-stores$/);
});

test("a failed action shows the global error toast with its request id", async ({ adminPage: page }) => {
  await page.goto("/key-stores");
  const toast = await openErrorToast(page);
  await expect(toast).toContainText("The request failed");
  await expect(toast).toContainText("Something went wrong on our side.");
  await page.screenshot({ path: "e2e/screenshots/shell-error-toast.png" });
  await toast.getByRole("button", { name: "Dismiss notification" }).click();
  await expect(toast).toHaveCount(0);
  await expect(page).toHaveURL(/\/key-stores$/);
});
