import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import type { ReadinessCheck } from "@/lib/schemas/key-stores.ts";
import { isIssuedBy } from "@/lib/server/platform/x509/is-issued-by.ts";

const LOGIN_FAILURES: Record<string, string> = {
  INVALID_CREDENTIALS: "KMS could not log in as kmsuser: the password it has is wrong. Disconnect, then edit the kmsuser password.",
  USER_LOCKED_OUT: "kmsuser is locked out after too many failed logins. Reset its password on the cluster, then edit it here.",
  USER_NOT_FOUND: "The cluster has no kmsuser crypto user. Create it (CU, named kmsuser), then connect again.",
  USER_LOGGED_IN: "kmsuser is logged in to the cluster elsewhere. Log it out, then connect again.",
};

/** Signature checks are the costly part of a list: remember each (certificate, anchor) pair's answer. */
const issuedBy = new Map<string, Promise<boolean>>();
function cachedIsIssuedBy(cert: string, anchor: string): Promise<boolean> {
  const key = `${anchor}\n${cert}`;
  let answer = issuedBy.get(key);
  if (!answer) {
    if (issuedBy.size >= 1_000) issuedBy.clear();
    answer = isIssuedBy(cert, anchor);
    issuedBy.set(key, answer);
  }
  return answer;
}

const pass = (id: ReadinessCheck["id"], label: string, detail: string): ReadinessCheck => ({ id, status: "pass", label, detail });
const fail = (id: ReadinessCheck["id"], label: string, detail: string): ReadinessCheck => ({ id, status: "fail", label, detail });
const unknown = (id: ReadinessCheck["id"], label: string, detail: string): ReadinessCheck => ({ id, status: "unknown", label, detail });

/**
 * The documented prerequisites of a CloudHSM key store, judged from the cached DescribeCustomKeyStores
 * entry and DescribeClusters answer only. kmsuser login is judged from the connection state and error
 * code: the console never logs in itself (a wrong password counts toward kmsuser's lockout).
 */
export async function keyStoreReadiness(store: CustomKeyStoresListEntry, cluster: Cluster | undefined): Promise<ReadinessCheck[]> {
  const state = store.ConnectionState ?? "DISCONNECTED";
  const code = store.ConnectionErrorCode ?? "";
  const hsms = (cluster?.Hsms ?? []).filter((h) => h.State === "ACTIVE");
  const zones = new Set(hsms.map((h) => h.AvailabilityZone));
  const checks: ReadinessCheck[] = [];

  const CONNECTION: Record<string, ReadinessCheck> = {
    CONNECTED: pass("connected", "Connected", "KMS is connected to the cluster."),
    CONNECTING: unknown(
      "connected",
      "Connected",
      "Connecting: KMS is logging in to the cluster. Its keys can be used once it is CONNECTED.",
    ),
    DISCONNECTING: fail("connected", "Connected", "Disconnecting: its keys are unavailable. Connect it again once it is DISCONNECTED."),
    FAILED: fail(
      "connected",
      "Connected",
      `The last connection attempt failed (${code || "INTERNAL_ERROR"}). Disconnect it, fix the cause, then connect it.`,
    ),
  };
  checks.push(CONNECTION[state] ?? fail("connected", "Connected", "The key store is disconnected. Connect it to use its keys."));
  if (!cluster) {
    const why = `CloudHSM has no cluster ${store.CloudHsmClusterId ?? ""} (or the console may not describe it).`;
    checks.push(
      fail("activeHsm", "At least one active HSM", why),
      fail("twoZones", "Two active HSMs in different Availability Zones", why),
    );
  } else {
    checks.push(
      hsms.length >= 1
        ? pass(
            "activeHsm",
            "At least one active HSM",
            `${hsms.length} active HSM${hsms.length === 1 ? "" : "s"}: cryptographic operations work.`,
          )
        : fail(
            "activeHsm",
            "At least one active HSM",
            "No active HSM: connecting fails and every operation on the store's keys fails. Add an HSM.",
          ),
      zones.size >= 2
        ? pass(
            "twoZones",
            "Two active HSMs in different Availability Zones",
            `Active HSMs in ${[...zones].sort().join(", ")}: new keys can be created.`,
          )
        : fail(
            "twoZones",
            "Two active HSMs in different Availability Zones",
            `Active HSMs in ${zones.size} zone${zones.size === 1 ? "" : "s"}: creating a KMS key fails (CloudHsmClusterInvalidConfigurationException). Add an HSM in another Availability Zone.`,
          ),
    );
  }
  if (state === "CONNECTED") checks.push(pass("kmsuserLogin", "kmsuser login", "KMS is logged in to the cluster as kmsuser."));
  else if (state === "FAILED" && LOGIN_FAILURES[code]) checks.push(fail("kmsuserLogin", "kmsuser login", LOGIN_FAILURES[code]));
  else
    checks.push(
      unknown(
        "kmsuserLogin",
        "kmsuser login",
        "Checked when the store connects; the console never tries the password itself (failed logins count toward lockout).",
      ),
    );

  const anchor = store.TrustAnchorCertificate;
  const clusterCert = cluster?.Certificates?.ClusterCertificate;
  if (!anchor || !clusterCert)
    checks.push(unknown("trustAnchor", "Trust anchor matches", "The cluster certificate or the store's trust anchor is not available."));
  else if (await cachedIsIssuedBy(clusterCert, anchor))
    checks.push(pass("trustAnchor", "Trust anchor matches", "The cluster certificate is issued by the store's trust anchor."));
  else
    checks.push(
      fail(
        "trustAnchor",
        "Trust anchor matches",
        "The cluster certificate is not issued by the store's trust anchor (customerCA.crt): this store points at another cluster's CA.",
      ),
    );
  return checks;
}
