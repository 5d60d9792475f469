import "server-only";
import pkcs11js from "pkcs11js";
import type { Template } from "pkcs11js";

// Attribute templates, in one place so the security properties can be reviewed together.
// - Data keys (one per KMS key): AES-256, token object, private, sensitive, never readable in clear,
//   not copyable or modifiable. Non-extractable unless the key must be replicated across a cluster's
//   HSMs; then extractable ONLY under a trusted wrapping key (CKA_WRAP_WITH_TRUSTED, which the token
//   enforces and which cannot be turned off later).
// - The cluster wrapping key: created by the SO with CKA_TRUSTED; SoftHSM only accepts CKA_TRUSTED on a
//   non-private object, so it is readable by any session of the token and stored unencrypted in the
//   token file (see lib/server/clusters/KEY-MATERIAL.md). It can wrap/unwrap and do nothing else, and
//   cannot be destroyed or modified.

export const CLUSTER_WRAP_KEY_LABEL = "keyhold-cluster-wrap";

/** Labels used by Keyhold itself; never KMS key material. */
export const RESERVED_LABELS: ReadonlySet<string> = new Set([CLUSTER_WRAP_KEY_LABEL]);

export type DataKeyOptions = {
  /** Extractable under the trusted cluster wrapping key only (for cluster sync). Default false. */
  syncable?: boolean;
  /** CKA_ENCRYPT / CKA_DECRYPT (default both true): the XKS proxy has encrypt-only and decrypt-only keys. */
  usage?: { encrypt: boolean; decrypt: boolean };
};

function dataKeyAttributes(label: string, syncable: boolean, usage = { encrypt: true, decrypt: true }): Template {
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: syncable },
    { type: pkcs11js.CKA_WRAP_WITH_TRUSTED, value: true },
    { type: pkcs11js.CKA_ENCRYPT, value: usage.encrypt },
    { type: pkcs11js.CKA_DECRYPT, value: usage.decrypt },
    { type: pkcs11js.CKA_WRAP, value: false },
    { type: pkcs11js.CKA_UNWRAP, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
    { type: pkcs11js.CKA_SIGN, value: false },
    { type: pkcs11js.CKA_VERIFY, value: false },
    // No CKA_MODIFIABLE=false: SoftHSM's C_UnwrapKey then fails with CKR_ATTRIBUTE_READ_ONLY. The
    // attributes that matter (SENSITIVE, EXTRACTABLE, WRAP_WITH_TRUSTED) can only be tightened anyway.
    { type: pkcs11js.CKA_COPYABLE, value: false },
    { type: pkcs11js.CKA_DESTROYABLE, value: true },
  ];
}

/** C_GenerateKey template for a KMS key's AES-256 material. */
export function dataKeyTemplate(label: string, options: DataKeyOptions = {}): Template {
  return [...dataKeyAttributes(label, options.syncable ?? false, options.usage), { type: pkcs11js.CKA_VALUE_LEN, value: 32 }];
}

/** C_UnwrapKey template for a replica (CKA_VALUE_LEN must not be given: CKR_ATTRIBUTE_READ_ONLY). */
export function replicaKeyTemplate(label: string): Template {
  return dataKeyAttributes(label, true);
}

/** C_CreateObject template (SO session) for the cluster's trusted wrapping key. */
export function trustedWrappingKeyTemplate(value: Buffer, label = CLUSTER_WRAP_KEY_LABEL): Template {
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_VALUE, value },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_TRUSTED, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_WRAP, value: true },
    { type: pkcs11js.CKA_UNWRAP, value: true },
    { type: pkcs11js.CKA_ENCRYPT, value: false },
    { type: pkcs11js.CKA_DECRYPT, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
    { type: pkcs11js.CKA_MODIFIABLE, value: false },
    { type: pkcs11js.CKA_COPYABLE, value: false },
    { type: pkcs11js.CKA_DESTROYABLE, value: false },
  ];
}
