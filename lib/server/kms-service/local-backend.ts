import "server-only";
import { createCluster, type CreateClusterOptions } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { writeTrustAnchorFile } from "@/lib/server/hsm/clusters/cluster-files.ts";
import { deleteClusterKey, type DeletedClusterKey } from "@/lib/server/hsm/clusters/delete-cluster-key.ts";
import { listClusterKeyLabels, type HsmKeyInventory } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { findKeyStore } from "./key-stores/find-key-store.ts";
import { targetOfStore, type XksProxySettings } from "./key-stores/xks-proxy-of-store.ts";
import {
  changeKmsuserPasswordAsAdministrator,
  logInKmsuserAsAdministrator,
  logOutKmsuserAsAdministrator,
} from "./cloudhsm/kmsuser-admin.ts";
import { describeKmsuserStates, type KmsuserState } from "./cloudhsm/kmsuser-state.ts";
import { keyChangeTimes } from "./keys/key-change-times.ts";
import { sweepOrphanedKeyMaterial, type RemovedOrphan } from "./keys/orphaned-key-material.ts";
import { KmsError } from "./wire/kms-error.ts";
import { getKeyMetadata, type XksKeyMetadata } from "./xks/xks-api.ts";
import { createKeyExceptionOfXks, keyStoreExceptionOfXks } from "./xks/xks-errors.ts";
import { isXksFailure } from "./xks/xks-failure.ts";
import {
  createVpcEndpointService,
  deleteVpcEndpointService,
  listVpcEndpointServices,
  type NewVpcEndpointService,
} from "./key-stores/vpc-endpoint-services.ts";
import { probeXksKeyStore, probeXksProxySettings, type XksProbeResult } from "./xks/xks-console-probe.ts";
import { localServiceDeps } from "./service-deps.ts";
import { handleAwsRequest, type AwsHttpRequest, type AwsHttpResponse, type HandleAwsRequestDeps } from "./wire/handle-aws-request.ts";

// LOCAL BACKEND ONLY. The console's one door into the local service (a lint rule keeps it the only
// one): the console talks to KMS and CloudHSM through the AWS SDK, and needs the service directly only
// for what no AWS API offers. Every function here refuses unless KEYHOLD_BACKEND=local.
//   - the SDK clients' in-process transport: the same signed bytes the service would get over HTTP;
//   - the key material inventory of a local cluster (CloudHSM has no API to list key labels) and the
//     removal of orphaned material it finds, by hand or by the status poller's sweep;
//   - creating an initialised local cluster (CloudHSM has no "create an initialised cluster" call);
//   - an external key's metadata as a store's proxy reports it (GetKeyMetadata with the store's saved
//     credential), for the key wizard's preview and the key page's External key tab: KMS has no API for it;
//   - testing and probing an XKS proxy's health for the console, and the local VPC endpoint services;
//   - when each key last changed, so the console's key cache describes again only the keys changed
//     outside the console (KMS has no API for it; in AWS mode the cache re-describes a rotating window);
//   - kmsuser as an administrator handles it with the CloudHSM CLI, not an API: its state (logged in, by
//     whom; locked out), setting its password (which also unlocks it), logging it in and out.

export type {
  AwsHttpRequest,
  AwsHttpResponse,
  DeletedClusterKey,
  HsmKeyInventory,
  KmsuserState,
  NewVpcEndpointService,
  RemovedOrphan,
  XksKeyMetadata,
  XksProbeResult,
};
export type LocalServiceDeps = HandleAwsRequestDeps;

function requireLocalBackend(what: string): void {
  if (env().KEYHOLD_BACKEND !== "local") {
    throw new AppError({ code: "UnsupportedOperationException", safeMessage: `${what} is possible with the local backend only.` });
  }
}

/** The service's real dependencies (access keys, operations, authorisation, audit). */
export function localService(): LocalServiceDeps {
  requireLocalBackend("The in-process KMS service");
  return localServiceDeps();
}

/** Answers one signed KMS / CloudHSM request in-process, exactly as the HTTP endpoint would. */
export function handleLocalRequest(request: AwsHttpRequest, deps: LocalServiceDeps): Promise<AwsHttpResponse> {
  return handleAwsRequest(request, deps);
}

/** The key labels on each HSM of a local cluster. */
export function listLocalClusterKeyMaterial(clusterId: string): Promise<HsmKeyInventory[]> {
  requireLocalBackend("Listing key material");
  return listClusterKeyLabels({ clusterId });
}

/** Destroys one label's key material on every HSM of a local cluster (the caller has checked it is orphaned). */
export function destroyLocalClusterKeyMaterial(clusterId: string, label: string): Promise<DeletedClusterKey> {
  requireLocalBackend("Removing key material");
  return deleteClusterKey({ clusterId, label });
}

/** A new, initialised local cluster; its trust anchor is also written to <data>/clusters/<id>/customerCA.crt. */
export async function createLocalInitializedCluster(options: CreateClusterOptions): Promise<{ clusterId: string; trustAnchorPem: string }> {
  requireLocalBackend("Creating a cluster from the console");
  const created = await createCluster(options);
  writeTrustAnchorFile(created.clusterId, created.trustAnchorPem);
  return { clusterId: created.clusterId, trustAnchorPem: created.trustAnchorPem };
}

/**
 * Sets kmsuser's password on every active HSM of a local cluster as the crypto officer does, which also
 * clears a lockout (USER_LOCKED_OUT) and the failed-login count.
 */
export function setLocalKmsuserPassword(clusterId: string, newPassword: string): Promise<void> {
  requireLocalBackend("Setting the kmsuser password");
  return changeKmsuserPasswordAsAdministrator(clusterId, newPassword);
}

/** kmsuser on each local cluster: who has it logged in, whether it is locked out. */
export function describeLocalKmsuserStates(clusterIds?: string[]): Promise<KmsuserState[]> {
  requireLocalBackend("Reading kmsuser's state");
  return describeKmsuserStates(clusterIds);
}

/** Logs kmsuser in as an administrator's CloudHSM CLI would; KMS's next connect then fails with USER_LOGGED_IN. */
export function logInLocalKmsuser(clusterId: string, password: string): Promise<void> {
  requireLocalBackend("Logging in as kmsuser");
  return logInKmsuserAsAdministrator(clusterId, password);
}

export function logOutLocalKmsuser(clusterId: string): Promise<void> {
  requireLocalBackend("Logging kmsuser out");
  return logOutKmsuserAsAdministrator(clusterId);
}

/**
 * The status poller's sweep: destroys key material no KMS key refers to (left by a crash between
 * CreateKey's material and its row), in the default token and the clusters of CONNECTED stores.
 */
export function sweepLocalOrphanedKeyMaterial(): Promise<RemovedOrphan[]> {
  requireLocalBackend("Sweeping orphaned key material");
  return sweepOrphanedKeyMaterial();
}

/**
 * What an external key store's proxy says of one external key (GetKeyMetadata, signed with the store's
 * saved credential, as KMS's CreateKey asks it), in any connection state of the store. Failures are the
 * exceptions KMS would name: XksKeyNotFoundException for an unknown key, else the XksProxy* exception of
 * the failed call (unreachable, timed out, credential refused …).
 */
export async function readLocalExternalKeyMetadata(o: {
  customKeyStoreId: string;
  xksKeyId: string;
  principalArn: string;
  requestId: string;
}): Promise<XksKeyMetadata & { latencyMs: number }> {
  requireLocalBackend("Reading an external key from its proxy");
  const store = await findKeyStore(o.customKeyStoreId);
  if (store.type !== "EXTERNAL_KEY_STORE") {
    throw new KmsError("UnsupportedOperationException", `Custom key store ${store.id} is not an external key store.`);
  }
  const started = performance.now();
  try {
    const metadata = await getKeyMetadata(await targetOfStore(store), o.xksKeyId, {
      awsPrincipalArn: o.principalArn,
      kmsOperation: "DescribeKey",
      kmsRequestId: o.requestId,
    });
    return { ...metadata, latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    if (!isXksFailure(e)) throw e;
    if (e.kind === "proxy-error" && e.errorName === "KeyNotFoundException") throw createKeyExceptionOfXks(e, store.id, o.xksKeyId);
    throw keyStoreExceptionOfXks(e, store.xksProxyUriEndpoint ?? store.id);
  }
}

/** GetHealthStatus with values typed in the wizard, before anything is created ("Test connection"). */
export function testLocalXksProxy(settings: XksProxySettings): Promise<XksProbeResult> {
  requireLocalBackend("Testing an XKS proxy from the console");
  return probeXksProxySettings(settings);
}

/** GetHealthStatus with a stored external key store's settings (the status poller); undefined: no such store. */
export function probeLocalXksKeyStore(customKeyStoreId: string): Promise<XksProbeResult | undefined> {
  requireLocalBackend("Probing an XKS proxy");
  return probeXksKeyStore(customKeyStoreId);
}

/** The local VPC endpoint services (named entries pointing at a proxy URL). */
export function listLocalVpcEndpointServices() {
  requireLocalBackend("Local VPC endpoint services");
  return listVpcEndpointServices();
}

export function createLocalVpcEndpointService(input: NewVpcEndpointService) {
  requireLocalBackend("Local VPC endpoint services");
  return createVpcEndpointService(input);
}

export function deleteLocalVpcEndpointService(name: string): Promise<void> {
  requireLocalBackend("Local VPC endpoint services");
  return deleteVpcEndpointService(name);
}

/** When each local key last changed (any write to it, by the console or over the wire), by key id. */
export function readLocalKeyChangeTimes(): Promise<Map<string, Date>> {
  requireLocalBackend("Reading when keys changed");
  return keyChangeTimes();
}
