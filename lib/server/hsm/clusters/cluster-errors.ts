import "server-only";
import { AppError } from "@/lib/server/platform/errors.ts";

// Errors of the cluster layer. Functions behind the CloudHSM API use CloudHSM's shapes
// (CloudHsmResourceNotFoundException, CloudHsmInvalidRequestException); functions KMS uses to reach a
// cluster use KMS's shapes with the custom key store ConnectionErrorCode that explains the failure.

export function clusterNotFound(clusterId: string, api: "kms" | "cloudhsm"): AppError {
  return api === "cloudhsm"
    ? new AppError({ code: "CloudHsmResourceNotFoundException", safeMessage: `Cluster ${clusterId} was not found.` })
    : new AppError({
        code: "CloudHsmClusterNotFoundException",
        safeMessage: `KMS cannot find the CloudHSM cluster ${clusterId}.`,
        connectionErrorCode: "CLUSTER_NOT_FOUND",
      });
}

export function resourceNotFound(what: string): AppError {
  return new AppError({ code: "CloudHsmResourceNotFoundException", safeMessage: `${what} was not found.` });
}

export function invalidRequest(safeMessage: string): AppError {
  return new AppError({ code: "CloudHsmInvalidRequestException", safeMessage });
}

export function noActiveHsms(clusterId: string): AppError {
  return new AppError({
    code: "KMSInvalidStateException",
    safeMessage: `The CloudHSM cluster ${clusterId} does not contain any active HSMs.`,
    connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
  });
}

export function clusterUnreachable(clusterId: string, cause?: unknown): AppError {
  return new AppError({
    code: "KMSInvalidStateException",
    safeMessage: "KMS cannot communicate with your CloudHSM cluster.",
    internalMessage: `no HSM of ${clusterId} could serve the request`,
    connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    cause,
  });
}

export function kmsuserLockedOut(clusterId: string): AppError {
  return new AppError({
    code: "CustomKeyStoreInvalidStateException",
    safeMessage: "The kmsuser is locked out after too many failed password attempts.",
    internalMessage: `kmsuser of ${clusterId} is locked out`,
    connectionErrorCode: "USER_LOCKED_OUT",
  });
}

export function kmsuserLoggedIn(clusterId: string): AppError {
  return new AppError({
    code: "CustomKeyStoreInvalidStateException",
    safeMessage: "The kmsuser is logged in to the cluster, so KMS cannot log in and rotate its password. Log kmsuser out first.",
    internalMessage: `kmsuser of ${clusterId} is logged in by an administrator`,
    connectionErrorCode: "USER_LOGGED_IN",
  });
}
