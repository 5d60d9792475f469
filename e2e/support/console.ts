// Helpers for the console flows: unique names, local clusters of their own (the demo cluster can back
// only one store, and only 10 stores are allowed), screenshots.
import crypto from "node:crypto";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { E2E_DATA_DIR } from "./e2e-env.ts";

export const shot = (name: string) => path.join("e2e", "screenshots", `${name}.png`);

/** A name unique across parallel tests and runs against the same data dir. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${crypto.randomBytes(2).toString("hex")}`;
}

export type LocalCluster = { clusterId: string; trustAnchor: string; password: string };

/** Creates a local cluster with one HSM per zone (POST /api/clusters, local backend only). */
export async function createLocalCluster(api: APIRequestContext, zones = ["us-east-1a", "us-east-1b"]): Promise<LocalCluster> {
  const password = `Kmsuser${crypto.randomBytes(4).toString("hex")}`;
  const r = await api.post("/api/clusters", { data: { availabilityZones: zones, createHsms: true, kmsuserPassword: password } });
  expect(r.status(), await r.text()).toBe(201);
  const body = (await r.json()) as { clusterId: string; trustAnchorCertificate: string };
  return { clusterId: body.clusterId, trustAnchor: body.trustAnchorCertificate, password };
}

/** Creates a key store over a cluster through the API; returns its id. */
export async function createKeyStore(api: APIRequestContext, cluster: LocalCluster, name = unique("e2e-store")): Promise<string> {
  const r = await api.post("/api/key-stores", {
    data: {
      customKeyStoreName: name,
      cloudHsmClusterId: cluster.clusterId,
      trustAnchorCertificate: cluster.trustAnchor,
      keyStorePassword: cluster.password,
    },
  });
  expect(r.status(), await r.text()).toBe(201);
  return ((await r.json()) as { keyStore: { customKeyStoreId: string } }).keyStore.customKeyStoreId;
}

/** Waits (polling the API, no fixed sleep) until the store reaches a state. */
export async function waitForState(api: APIRequestContext, id: string, state: string): Promise<void> {
  await expect
    .poll(
      async () =>
        ((await (await api.get(`/api/key-stores/${id}`)).json()) as { keyStore: { connectionState: string } }).keyStore.connectionState,
      {
        timeout: 20_000,
      },
    )
    .toBe(state);
}

/**
 * A full-page screenshot from the top of the page (a full-page capture of a scrolled page would draw
 * the sticky header in the middle of it).
 */
export async function snap(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: shot(name), fullPage: true });
}

/**
 * Ends a key's deletion waiting period now (7 days at least in KMS) by moving its DeletionDate into
 * the past in the e2e database; the server's deletion sweeper then deletes it on its next run.
 * Test-only time travel: the e2e data dir is the test's own.
 */
export function fastForwardKeyDeletion(keyId: string): void {
  const db = new Database(path.join(E2E_DATA_DIR, "keyhold.db"));
  try {
    db.pragma("busy_timeout = 5000");
    const r = db
      .prepare("UPDATE KmsKey SET deletionDate = ? WHERE id = ? AND state = 'PendingDeletion'")
      .run("2000-01-01T00:00:00.000+00:00", keyId);
    if (r.changes !== 1) throw new Error(`key ${keyId} is not pending deletion`);
  } finally {
    db.close();
  }
}

/**
 * Opens the global error toast (it stays: it carries a request id) by a sign-out that fails, the one
 * action on every page; returns the toast.
 */
export async function openErrorToast(page: Page) {
  await page.route("**/api/auth/logout", (route) =>
    route.fulfill({
      status: 500,
      json: { error: { code: "InternalFailure", message: "Something went wrong on our side." }, requestId: "e2e-request-id" },
    }),
  );
  await page.getByTestId("user-menu-trigger").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  const toast = page.getByRole("region", { name: "Notifications" }).getByRole("alert");
  await expect(toast).toContainText("Request ID: e2e-request-id");
  return toast;
}
