import { expect, type Locator, type Page } from "@playwright/test";

/**
 * Clicks a link until the page is at `url`. The key stores page is rendered on the server; in the full
 * suite a click on its "Create" link right after load was twice lost (the URL stayed), most likely while
 * React replaced server HTML it could not hydrate (a differing "N s ago" age, since marked
 * suppressHydrationWarning). This keeps the specs about the wizard, not that race; a repeated click is
 * what a user would do too.
 */
export async function clickToNavigate(page: Page, link: Locator, url: RegExp): Promise<void> {
  await expect(async () => {
    await link.click({ timeout: 5_000 });
    await expect(page).toHaveURL(url, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}
