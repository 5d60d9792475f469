import type { ConnectionErrorCode, ConnectionState, KeyStoreType, StatusChange } from "@/lib/schemas/key-stores.ts";
import { CONNECTION_ERROR_CODES } from "@/lib/schemas/key-stores.ts";

// What the console still has to say about a failed connection, and where in the connect a code stops it.

/**
 * The failure whose fix steps still apply: the store's own error code while FAILED, else the last FAILED
 * entry of its history when no CONNECTED came after it (after "Step 1: Disconnect" the store is plain
 * DISCONNECTED, but steps 2–4 still have to be done). Nothing once the store has connected.
 */
export function unresolvedFailure(
  store: { customKeyStoreId: string; connectionState: ConnectionState; connectionErrorCode?: ConnectionErrorCode },
  history: StatusChange[],
): ConnectionErrorCode | undefined {
  if (store.connectionState === "FAILED") return store.connectionErrorCode;
  if (store.connectionState === "CONNECTED") return undefined;
  const changes = history
    .filter((h) => h.subjectType === "KEY_STORE" && h.subjectId === store.customKeyStoreId)
    .sort((a, b) => b.at.localeCompare(a.at));
  for (const h of changes) {
    if (h.toState === "CONNECTED") return undefined;
    if (h.toState === "FAILED") {
      return (CONNECTION_ERROR_CODES as readonly string[]).includes(h.errorCode ?? "") ? (h.errorCode as ConnectionErrorCode) : undefined;
    }
  }
  return undefined;
}

export type ConnectStepStatus = "done" | "active" | "failed" | "todo";

/** Codes KMS reports before it tries to log in: the cluster, its HSMs or its network are not ready. */
const CLUSTER_CODES = new Set<string>([
  "CLUSTER_NOT_FOUND",
  "INSUFFICIENT_CLOUDHSM_HSMS",
  "NETWORK_ERRORS",
  "SUBNET_NOT_FOUND",
  "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
]);
/** Codes of the kmsuser login itself. */
const LOGIN_CODES = new Set<string>(["INVALID_CREDENTIALS", "USER_LOCKED_OUT", "USER_NOT_FOUND", "USER_LOGGED_IN"]);

/** The connect stepper: which step a connect is at, and which one a failure code stops (no guessing for INTERNAL_ERROR). */
export function connectSteps(
  state: ConnectionState,
  errorCode?: string,
  type: KeyStoreType = "AWS_CLOUDHSM",
): { label: string; status: ConnectStepStatus }[] {
  const failed = state === "FAILED";
  const last = {
    label: failed ? `Failed${errorCode ? `: ${errorCode}` : ""}` : "Connected",
    status: (state === "CONNECTED" ? "done" : failed ? "failed" : "todo") as ConnectStepStatus,
  };
  if (type === "EXTERNAL_KEY_STORE") {
    // One step on KMS's side: the proxy's GetHealthStatus (through the VPC endpoint service, if any).
    const health: ConnectStepStatus = failed ? "failed" : state === "CONNECTING" ? "active" : state === "CONNECTED" ? "done" : "todo";
    return [{ label: "Connect requested", status: "done" }, { label: "KMS calls the proxy's GetHealthStatus", status: health }, last];
  }
  const at = failed ? (CLUSTER_CODES.has(errorCode ?? "") ? "cluster" : LOGIN_CODES.has(errorCode ?? "") ? "login" : "unknown") : null;
  // Only CONNECTED proves the cluster check and the login passed; a FAILED store says which one did not;
  // a store disconnected since then says nothing about them.
  const connected = state === "CONNECTED";
  const cluster: ConnectStepStatus =
    at === "cluster" ? "failed" : state === "CONNECTING" ? "active" : connected || at === "login" ? "done" : "todo";
  const login: ConnectStepStatus = at === "login" ? "failed" : connected ? "done" : "todo";
  return [
    { label: "Connect requested", status: "done" },
    { label: "KMS checks the cluster: active HSMs and their network", status: cluster },
    { label: "KMS logs in to the cluster as kmsuser", status: login },
    last,
  ];
}
