import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";

// When each key-store action is allowed (spec/console.md §1.5): one rule set for the detail page and
// the table's row actions. A refused action carries the reason the UI shows next to it.

export type ActionRule = { allowed: true } | { allowed: false; reason: string };

const ok: ActionRule = { allowed: true };
const no = (reason: string): ActionRule => ({ allowed: false, reason });

export function canConnect(s: Pick<KeyStoreSummary, "connectionState">): ActionRule {
  switch (s.connectionState) {
    case "DISCONNECTED":
      return ok;
    case "CONNECTED":
      return no("The key store is already connected.");
    case "CONNECTING":
      return no("The key store is already connecting.");
    case "DISCONNECTING":
      return no("Wait until the key store has disconnected.");
    case "FAILED":
      return no("A failed key store must be disconnected before it can connect again.");
  }
}

export function canDisconnect(s: Pick<KeyStoreSummary, "connectionState">): ActionRule {
  switch (s.connectionState) {
    case "CONNECTED":
    case "FAILED":
      return ok;
    case "CONNECTING":
      return no("Wait until the connection attempt ends.");
    case "DISCONNECTED":
      return no("The key store is already disconnected.");
    case "DISCONNECTING":
      return no("The key store is already disconnecting.");
  }
}

type Typed = { customKeyStoreType?: KeyStoreSummary["customKeyStoreType"] };

/** CloudHSM: DISCONNECTED only. XKS: any state (name, credential, path); the dialog locks the rest (xksFieldsLocked). */
export function canEdit(s: Pick<KeyStoreSummary, "connectionState"> & Typed): ActionRule {
  if (s.customKeyStoreType === "EXTERNAL_KEY_STORE") return ok;
  return s.connectionState === "DISCONNECTED" ? ok : no("Disconnect the key store before editing it.");
}

/** XKS: connectivity, URI endpoint and VPC endpoint service change only while DISCONNECTED (why not, else undefined). */
export function xksConnectivityLocked(s: Pick<KeyStoreSummary, "connectionState">): string | undefined {
  return s.connectionState === "DISCONNECTED"
    ? undefined
    : "Disconnect the key store to change its connectivity, URI endpoint or VPC endpoint service. Name, credential and path can change in any state.";
}

export function canDelete(s: Pick<KeyStoreSummary, "connectionState" | "keyCount">): ActionRule {
  if (s.connectionState !== "DISCONNECTED") return no("Disconnect the key store before deleting it.");
  if (s.keyCount > 0) {
    return no(
      `The key store still holds ${s.keyCount} KMS key${s.keyCount === 1 ? "" : "s"}. Delete them (schedule deletion and wait out the waiting period) first.`,
    );
  }
  return ok;
}

export function canCreateKeyIn(s: Pick<KeyStoreSummary, "connectionState" | "hsms"> & Typed): ActionRule {
  if (s.connectionState !== "CONNECTED") return no("Connect the key store before creating keys in it.");
  if (s.customKeyStoreType === "EXTERNAL_KEY_STORE") return ok;
  const zones = s.hsms?.zones.filter((z) => z.active > 0).length ?? 0;
  if (zones < 2) return no("The cluster needs at least two active HSMs in different Availability Zones to create keys.");
  return ok;
}

/** Whether Edit can change one field now (a troubleshooting fix points at it). */
export function canEditField(s: Pick<KeyStoreSummary, "connectionState"> & Typed, field: string): ActionRule {
  if (s.customKeyStoreType !== "EXTERNAL_KEY_STORE") return canEdit(s);
  const locked = ["xksProxyUriEndpoint", "xksProxyVpcEndpointServiceName", "xksProxyConnectivity"].includes(field)
    ? xksConnectivityLocked(s)
    : undefined;
  return locked ? no(locked) : ok;
}
