import "server-only";
import { db } from "@/lib/server/platform/db.ts";

// A key in a custom key store that is not CONNECTED reports Unavailable (except while PendingDeletion),
// and its own state (Enabled / Disabled) comes back when the store reconnects. The cache therefore keeps
// each key's own state and derives Unavailable when read, from the store's connection state in the status
// cache (which the console updates right after Connect / Disconnect and the poller follows), so the keys
// table changes with the store at once instead of after each key is described again.

/** The custom key stores whose keys are Unavailable now: every cached store that is not CONNECTED. */
export async function unavailableStoreIds(): Promise<string[]> {
  const rows = await db().keyStoreStatus.findMany({ where: { connectionState: { not: "CONNECTED" } }, select: { customKeyStoreId: true } });
  return rows.map((r) => r.customKeyStoreId);
}

/** The state the table shows: Unavailable in a store that is not connected, else the key's own. */
export function shownKeyState(ownState: string, customKeyStoreId: string | null, unavailableStores: ReadonlySet<string>): string {
  if (customKeyStoreId && unavailableStores.has(customKeyStoreId) && ownState !== "PendingDeletion") return "Unavailable";
  return ownState;
}

/**
 * The own state to keep when DescribeKey answers: Unavailable says only that the store is not connected,
 * so a known Enabled / Disabled stays. `described: false` marks a row whose own state is not known yet
 * (first seen while its store was down): it is described again on the next pass.
 */
export function ownStateToKeep(describedState: string, previousOwnState: string | undefined): { keyState: string; known: boolean } {
  if (describedState !== "Unavailable") return { keyState: describedState, known: true };
  if (previousOwnState && previousOwnState !== "Unavailable") return { keyState: previousOwnState, known: true };
  return { keyState: "Unavailable", known: false };
}

/**
 * The SQL filter for a state as the table shows it (see shownKeyState): Unavailable matches keys in a
 * store that is not connected too; any other state only keys outside those stores (PendingDeletion: all).
 */
export function shownStateWhere(state: string, unavailableStores: string[]) {
  if (state === "Unavailable") {
    return { OR: [{ keyState: "Unavailable" }, { customKeyStoreId: { in: unavailableStores }, keyState: { not: "PendingDeletion" } }] };
  }
  if (state === "PendingDeletion" || unavailableStores.length === 0) return { keyState: state };
  return { keyState: state, OR: [{ customKeyStoreId: null }, { customKeyStoreId: { notIn: unavailableStores } }] };
}
