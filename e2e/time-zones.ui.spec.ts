import type { Page } from "@playwright/test";
import { expect, signedInApi, test } from "./fixtures.ts";
import { createKeyStore, createLocalCluster, snap, unique } from "./support/console.ts";

// A browser far from the server's time zone: the server-rendered keys, key stores and audit pages hydrate
// without a mismatch (the server renders dates in UTC, the browser switches to its own zone after
// mount, components/shell/local-time.tsx), and the dates end up in the browser's zone.

const ZONE = "Pacific/Auckland";
test.use({ timezoneId: ZONE });

test.beforeAll(async ({ playwright, baseURL }) => {
  // The server must not already be in the browser's zone, or the test could not fail.
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).not.toBe(ZONE);
  const api = await signedInApi(playwright.request, baseURL);
  try {
    await createKeyStore(api, await createLocalCluster(api), unique("e2e-tz-store"));
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" }],
    });
    const r = await api.post("/api/keys", { data: { origin: "AWS_KMS", alias: unique("e2e-tz-key"), description: "", tags: [], policy } });
    expect(r.status(), await r.text()).toBe(201);
  } finally {
    await api.dispose();
  }
});

/** What the console shows for `iso` in the browser's zone (lib/console/format.ts's short form). */
const inZone = (iso: string) =>
  new Intl.DateTimeFormat("en-US", {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: ZONE,
  }).format(new Date(iso));

/** Console errors and page errors that say hydration failed (React's production build names them by number). */
function collectHydrationErrors(page: Page): string[] {
  const errors: string[] = [];
  const hydration = /hydrat|#418|#423|#425/i;
  page.on("console", (m) => {
    if (m.type() === "error" && hydration.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => {
    if (hydration.test(String(e))) errors.push(String(e));
  });
  return errors;
}

for (const p of [
  { name: "keys", path: "/keys", row: "table-row" },
  { name: "key-stores", path: "/key-stores", row: "table-row" },
  { name: "audit", path: "/audit", row: "audit-row" },
]) {
  test(`the ${p.name} page hydrates in ${ZONE} and shows its dates there`, async ({ adminPage: page }) => {
    const errors = collectHydrationErrors(page);
    // The HTML as the server sent it: dates in UTC, said so.
    const html = await (await page.request.get(p.path)).text();
    expect(html).toMatch(/\d{2}:\d{2} UTC/);

    await page.goto(p.path);
    const time = page.getByTestId(p.row).first().locator("time");
    await expect(time).toHaveAttribute("data-zone", "local");
    const iso = (await time.getAttribute("datetime"))!;
    await expect(time).toContainText(inZone(iso));
    await expect(time).not.toContainText("UTC");
    // Keyboard and screen-reader users reach the full timestamp with its zone.
    await time.focus();
    await expect(page.getByRole("tooltip")).toContainText(/GMT\+1[23]/);
    await expect(time).toContainText(/GMT\+1[23]/);
    await snap(page, `time-zone-${p.name}`);
    expect(errors, "hydration errors in the console").toEqual([]);
  });
}
