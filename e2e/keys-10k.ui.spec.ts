import Database from "better-sqlite3";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect as baseExpect, test } from "./fixtures.ts";
import { E2E_ACCOUNT_ID, E2E_DATA_DIR, E2E_REGION } from "./support/e2e-env.ts";
import { snap } from "./support/console.ts";

// The keys page with 10,000 keys: paging, sorting, filtering and searching on the server (the console's
// key cache), each interaction's rows asserted by content. Also: two filters changed within ~100 ms both
// stay (they used to race: the second started from the URL before the first had landed).
//
// Seeding: CreateKey through the service costs a C_GenerateKey on the shared e2e token per key and leaves
// 10,000 token objects that every later spec's key-material sweep would walk, and the poller then fills
// the cache at its bounded rate (500 DescribeKey per poll, 20 polls). So the spec writes the rows
// directly into the e2e database in one transaction each: the service's KmsKey and Alias rows (so the
// poller's ListKeys / ListAliases keep listing them and its refresh does not drop them) and the console's
// KeySummaryCache rows (what the page reads and what the store key counts are taken from), and removes
// all of them afterwards. The keys have no key material: the page lists them, nothing here encrypts with them.
test.describe.configure({ mode: "serial", timeout: 180_000 });
// Rows are asserted by content; the server (one process, shared cores) may be in a poller pass meanwhile.
const expect = baseExpect.configure({ timeout: 30_000 });

const N = 10_000;
const PREFIX = "e2e10000-0000-4000-8000-";
type Seed = { id: string; alias?: string; state: "Enabled" | "Disabled"; origin: "AWS_KMS" | "EXTERNAL"; description: string };
const pad = (i: number) => String(i).padStart(5, "0");
const seeds: Seed[] = Array.from({ length: N }, (_, i) => ({
  id: `${PREFIX}${String(i).padStart(12, "0")}`,
  alias: i % 10 === 9 ? undefined : `alias/load-${pad(i)}`,
  state: i % 7 === 3 ? "Disabled" : "Enabled",
  origin: i % 5 === 0 ? "EXTERNAL" : "AWS_KMS",
  description: i % 1000 === 7 ? `needle ${pad(i)}` : `load test key ${pad(i)}`,
}));
const aliased = seeds.filter((s) => s.alias).sort((a, b) => a.alias!.localeCompare(b.alias!));
const sqlDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

function withDb<T>(run: (db: Database.Database) => T): T {
  const db = new Database(path.join(E2E_DATA_DIR, "keyhold.db"));
  try {
    db.pragma("busy_timeout = 10000");
    return run(db);
  } finally {
    db.close();
  }
}

function seed(): void {
  const now = sqlDate(new Date());
  withDb((db) => {
    const key = db.prepare(
      `INSERT INTO KmsKey (id, arn, description, origin, state, keyMaterialLabel, policy, createdByArn, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const alias = db.prepare(`INSERT INTO Alias (name, keyId, createdAt, updatedAt) VALUES (?, ?, ?, ?)`);
    const cached = db.prepare(
      `INSERT INTO KeySummaryCache (keyId, arn, aliasesJson, sortAlias, description, keyState, origin, keyManager, keySpec, keyUsage,
         sortStore, creationDate, searchText, refreshedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'CUSTOMER', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', '~', ?, ?, ?)`,
    );
    db.transaction(() => {
      seeds.forEach((s, i) => {
        const arn = `arn:aws:kms:${E2E_REGION}:${E2E_ACCOUNT_ID}:key/${s.id}`;
        // Older than every key the other specs make, so their keys stay on the first page.
        const created = sqlDate(new Date(Date.UTC(2020, 0, 1) + i * 60_000));
        key.run(
          s.id,
          arn,
          s.description,
          s.origin,
          s.state,
          `e2e-10k-no-material-${i}`,
          "{}",
          "arn:aws:iam::000000000000:user/e2e",
          created,
          created, // last changed before the cache row was written: the poller does not describe it again
        );
        if (s.alias) alias.run(s.alias, s.id, now, now);
        const aliases = s.alias ? [s.alias] : [];
        const search = [...aliases, s.id, s.description].join("\n").toLowerCase();
        cached.run(s.id, arn, JSON.stringify(aliases), s.alias ?? "~", s.description, s.state, s.origin, created, search, now);
      });
    })();
  });
}

function unseed(): void {
  withDb((db) =>
    db.transaction(() => {
      db.prepare(`DELETE FROM KeySummaryCache WHERE keyId LIKE ?`).run(`${PREFIX}%`);
      db.prepare(`DELETE FROM Alias WHERE keyId LIKE ?`).run(`${PREFIX}%`);
      db.prepare(`DELETE FROM KmsKey WHERE id LIKE ?`).run(`${PREFIX}%`);
    })(),
  );
}

test.beforeAll(() => {
  unseed(); // a run that was cut short
  const started = Date.now();
  seed();
  console.log(`[keys-10k] seeded ${N} keys in ${Date.now() - started} ms`);
});
test.afterAll(() => unseed());

const table = (page: Page) => page.getByTestId("keys-table");
const rows = (page: Page) => table(page).getByTestId("table-row");
const firstCells = async (page: Page, n: number) => (await rows(page).locator("td:first-child").allInnerTexts()).slice(0, n);
const heading = (page: Page) => table(page).getByRole("heading", { level: 2 });

/** Milliseconds from navigation start until the first row is on screen (a figure for the report, not a limit). */
async function firstRowAfterNavigation(page: Page, url: string, row: ReturnType<Page["locator"]>): Promise<number> {
  await page.goto(url, { waitUntil: "commit" });
  await expect(row).toBeVisible();
  return page.evaluate(() => Math.round(performance.now()));
}

test("the keys page lists 10,000 keys: first page rendered on the server, with the cache's age", async ({ adminPage: page }) => {
  const ms = await firstRowAfterNavigation(page, "/keys", rows(page).first());
  console.log(`[keys-10k] /keys first row visible ${ms} ms after navigation start`);
  await expect(heading(page)).toContainText(/\((1\d,\d{3}|1\d{4})\)/);
  await expect(rows(page)).toHaveCount(10);
  await expect(table(page).getByTestId("key-cache-freshness")).toContainText(/Updated/);
  const storesMs = await firstRowAfterNavigation(page, "/key-stores", page.locator("main table tbody tr").first());
  console.log(`[keys-10k] /key-stores first row visible ${storesMs} ms after navigation start`);
  await page.goto("/keys");
  await snap(page, "keys-10k-first-page");
});

test("search, sort by alias both ways, and page through the matches", async ({ adminPage: page }) => {
  await page.goto("/keys");
  await page.getByPlaceholder("Filter keys by alias, key ID or key store").fill("alias/load-04321");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("alias/load-04321");
  await expect(heading(page)).toContainText("(1)");

  await page.getByPlaceholder("Filter keys by alias, key ID or key store").fill("alias/load-");
  await expect(heading(page)).toContainText(`(${aliased.length})`);
  await table(page).getByRole("button", { name: "Aliases" }).click();
  await expect.poll(() => firstCells(page, 3)).toEqual(aliased.slice(0, 3).map((s) => s.alias));
  await table(page).getByRole("button", { name: "Aliases" }).click();
  await expect
    .poll(() => firstCells(page, 3))
    .toEqual(
      aliased
        .slice(-3)
        .reverse()
        .map((s) => s.alias),
    );
  await expect(page).toHaveURL(/sort=alias/);
  await expect(page).toHaveURL(/dir=desc/);

  await table(page).getByRole("button", { name: "Aliases" }).click(); // back to A → Z
  await table(page).getByRole("button", { name: "Next page" }).click();
  await expect.poll(() => firstCells(page, 10)).toEqual(aliased.slice(10, 20).map((s) => s.alias));
  await page.getByRole("combobox", { name: "Rows" }).selectOption("50");
  await table(page).getByRole("button", { name: "Next page" }).click();
  await table(page).getByRole("button", { name: "Next page" }).click();
  await expect.poll(() => firstCells(page, 50)).toEqual(aliased.slice(100, 150).map((s) => s.alias));
  await expect(table(page).getByRole("navigation")).toContainText(`3 / ${Math.ceil(aliased.length / 50)}`);
  await snap(page, "keys-10k-sorted-paged");

  // A description matches too; a key without an alias is named by its id.
  await page.getByPlaceholder("Filter keys by alias, key ID or key store").fill("needle");
  const needles = seeds.filter((s) => s.description.startsWith("needle"));
  await expect(rows(page)).toHaveCount(needles.length);
  await expect(rows(page).first()).toContainText(/alias\/load-|e2e10000/);
});

test("two filters changed within 100 ms both apply; sort by creation date and key id", async ({ adminPage: page }) => {
  await page.goto("/keys?q=load%20test%20key");
  const matching = seeds.filter((s) => s.description.startsWith("load test key"));
  await expect(heading(page)).toContainText(`(${matching.length})`);
  // Both picks land before the first one's URL change has rendered.
  await page.getByRole("combobox", { name: "Origin" }).selectOption("EXTERNAL");
  await page.getByRole("combobox", { name: "Status" }).selectOption("Disabled");
  const both = matching.filter((s) => s.origin === "EXTERNAL" && s.state === "Disabled");
  await expect(heading(page)).toContainText(`(${both.length})`);
  await expect(page).toHaveURL(/origin=EXTERNAL/);
  await expect(page).toHaveURL(/state=Disabled/);
  for (const text of await rows(page).allInnerTexts()) expect(text).toMatch(/Disabled/);
  await snap(page, "keys-10k-two-filters");

  // Oldest first: the first seeded keys with both filters, in creation order.
  await table(page).getByRole("button", { name: "Creation date" }).click();
  await expect.poll(() => firstCells(page, 3)).toEqual(both.slice(0, 3).map((s) => s.alias ?? s.id));
  await table(page).getByRole("button", { name: "Key ID" }).click();
  await expect
    .poll(async () => (await rows(page).locator("td:nth-child(2)").allInnerTexts()).slice(0, 3))
    .toEqual(
      [...both]
        .map((s) => s.id)
        .sort()
        .slice(0, 3),
    );
});

test("at 390 px the page does not scroll sideways", async ({ adminPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/keys?q=alias%2Fload-");
  await expect(rows(page).first()).toContainText("alias/load-");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await snap(page, "keys-10k-390");
});
