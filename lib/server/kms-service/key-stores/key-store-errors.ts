import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// The modelled KMS errors of the custom key store operations (spec/kms-api.md §1.4), with messages
// that say what to do. Messages are sent to the caller and written to the audit log: never a secret.

export function keyStoreNotFound(what: string): KmsError {
  return new KmsError("CustomKeyStoreNotFoundException", `Custom key store '${what}' does not exist in this account and Region.`);
}

export function keyStoreInvalidState(storeId: string, state: string, why: string): KmsError {
  return new KmsError("CustomKeyStoreInvalidStateException", `Custom key store ${storeId} is ${state}: ${why}`);
}

export function keyStoreNameInUse(name: string): KmsError {
  return new KmsError(
    "CustomKeyStoreNameInUseException",
    `The custom key store name '${name}' is already in use in this account and Region.`,
  );
}

export function keyStoreHasKeys(storeId: string, count: number): KmsError {
  return new KmsError(
    "CustomKeyStoreHasCMKsException",
    `Custom key store ${storeId} contains ${count} KMS key${count === 1 ? "" : "s"}. Schedule their deletion and wait until they are deleted before deleting the key store.`,
  );
}

export function keyStoreLimitExceeded(limit: number): KmsError {
  return new KmsError("LimitExceededException", `This account already has the maximum of ${limit} custom key stores in this Region.`);
}

export function clusterNotActive(clusterId: string, state: string): KmsError {
  return new KmsError(
    "CloudHsmClusterNotActiveException",
    `The CloudHSM cluster ${clusterId} is ${state}, not ACTIVE. Initialize and activate the cluster and try again.`,
  );
}

export function clusterInUse(clusterId: string, storeId: string): KmsError {
  return new KmsError(
    "CloudHsmClusterInUseException",
    `The CloudHSM cluster ${clusterId} is already associated with custom key store ${storeId}, or shares a backup history with its cluster.`,
  );
}

export function clusterInvalidConfiguration(clusterId: string, problem: string): KmsError {
  return new KmsError("CloudHsmClusterInvalidConfigurationException", `The CloudHSM cluster ${clusterId} ${problem}`);
}

export function clusterNotRelated(clusterId: string, originalClusterId: string): KmsError {
  return new KmsError(
    "CloudHsmClusterNotRelatedException",
    `The CloudHSM cluster ${clusterId} does not share a backup history (cluster certificate) with ${originalClusterId}, the cluster of this key store.`,
  );
}

export function incorrectTrustAnchor(clusterId: string): KmsError {
  return new KmsError(
    "IncorrectTrustAnchorException",
    `The trust anchor certificate is not the one that issued the cluster certificate of ${clusterId}. Use the customerCA.crt created when the cluster was initialized.`,
  );
}

export function invalidMarker(): KmsError {
  return new KmsError("InvalidMarkerException", "The Marker is not a NextMarker this operation returned.");
}
