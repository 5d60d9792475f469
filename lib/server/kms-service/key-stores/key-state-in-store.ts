import "server-only";

/**
 * The KeyState a key reports (spec §6.1): a key in a custom key store that is not CONNECTED is
 * Unavailable, except while PendingDeletion (so deletion can be cancelled without reconnecting). Its
 * stored state (Enabled / Disabled) comes back by itself when the store reconnects.
 * `connectionState` is undefined for keys outside custom key stores.
 */
export function keyStateInStore(storedState: string, connectionState: string | null | undefined): string {
  if (connectionState === undefined || connectionState === null) return storedState;
  if (connectionState !== "CONNECTED" && storedState !== "PendingDeletion") return "Unavailable";
  return storedState;
}
