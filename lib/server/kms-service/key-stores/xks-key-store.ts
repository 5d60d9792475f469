import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";
import { db } from "@/lib/server/platform/db.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { getHealthStatus, type XksHealth } from "@/lib/server/kms-service/xks/xks-api.ts";
import { connectionErrorCodeOfXks, keyStoreExceptionOfXks } from "@/lib/server/kms-service/xks/xks-errors.ts";
import { isXksFailure } from "@/lib/server/kms-service/xks/xks-failure.ts";
import { maxCustomKeyStores } from "./create-key-store.ts";
import { findKeyStore } from "./find-key-store.ts";
import { keyStoreInvalidState, keyStoreLimitExceeded, keyStoreNameInUse } from "./key-store-errors.ts";
import { withKeyStoreLock } from "./key-store-lock.ts";
import { newKeyStoreId } from "./new-key-store-id.ts";
import { recoverConnections } from "./recover-connections.ts";
import {
  checkVpcEndpointService,
  proxySettingsOf,
  sealXksSecret,
  targetOf,
  vpcServiceException,
  type XksProxySettings,
} from "./xks-proxy-of-store.ts";

// EXTERNAL_KEY_STORE stores (spec/kms-api.md §4): create and update check the configuration, that it is
// unique in the account and Region, the VPC endpoint service if any, and then call the proxy's
// GetHealthStatus with the new settings, failing with the modelled XksProxy* exception; connect runs the
// same health check in the background and ends CONNECTED or FAILED with the ConnectionErrorCode.

const uri = (s: Pick<XksProxySettings, "uriEndpoint" | "uriPath">) => `${s.uriEndpoint}${s.uriPath}`;

/** Endpoint and path unique per account and Region; for VPC_ENDPOINT_SERVICE the endpoint alone, and the service. */
async function checkUnique(settings: XksProxySettings, exceptStoreId?: string): Promise<void> {
  const others = (await db().customKeyStore.findMany({ where: { type: "EXTERNAL_KEY_STORE" } })).filter((s) => s.id !== exceptStoreId);
  for (const other of others) {
    const sameEndpoint = other.xksProxyUriEndpoint === settings.uriEndpoint;
    if (sameEndpoint && other.xksProxyUriPath === settings.uriPath) {
      throw new KmsError(
        "XksProxyUriInUseException",
        `The XksProxyUriEndpoint and XksProxyUriPath ${uri(settings)} are already associated with custom key store ${other.id} in this account and Region.`,
      );
    }
    if (sameEndpoint && (settings.connectivity === "VPC_ENDPOINT_SERVICE" || other.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE")) {
      throw new KmsError(
        "XksProxyUriEndpointInUseException",
        `The XksProxyUriEndpoint ${settings.uriEndpoint} is already associated with custom key store ${other.id} in this account and Region.`,
      );
    }
    if (
      settings.connectivity === "VPC_ENDPOINT_SERVICE" &&
      other.xksProxyVpcEndpointServiceName &&
      other.xksProxyVpcEndpointServiceName === settings.vpcEndpointServiceName
    ) {
      throw new KmsError(
        "XksProxyVpcEndpointServiceInUseException",
        `The VPC endpoint service ${settings.vpcEndpointServiceName} is already associated with custom key store ${other.id} in this account and Region.`,
      );
    }
  }
}

/** The VPC endpoint service, then GetHealthStatus; any failure is the modelled exception. */
async function checkProxy(settings: XksProxySettings, kmsOperation: string, kmsRequestId: string): Promise<XksHealth> {
  let service;
  if (settings.connectivity === "VPC_ENDPOINT_SERVICE") {
    const checked = await checkVpcEndpointService(settings);
    if (checked.problem) throw vpcServiceException(checked.problem, checked.why ?? "");
    service = checked.service;
  }
  try {
    return await getHealthStatus(targetOf(settings, service), { kmsRequestId, kmsOperation });
  } catch (e) {
    if (isXksFailure(e)) throw keyStoreExceptionOfXks(e, uri(settings));
    throw e;
  }
}

export type CreateXksKeyStoreOptions = { name: string; settings: XksProxySettings; requestId: string };

export async function createXksKeyStore(o: CreateXksKeyStoreOptions): Promise<{ customKeyStoreId: string }> {
  await recoverConnections();
  return withKeyStoreLock(async () => {
    if (await db().customKeyStore.findUnique({ where: { name: o.name } })) throw keyStoreNameInUse(o.name);
    if ((await db().customKeyStore.count()) >= maxCustomKeyStores()) throw keyStoreLimitExceeded(maxCustomKeyStores());
    await checkUnique(o.settings);
    await checkProxy(o.settings, "CreateCustomKeyStore", o.requestId);
    const id = newKeyStoreId();
    await db().customKeyStore.create({
      data: {
        id,
        name: o.name,
        type: "EXTERNAL_KEY_STORE",
        connectionState: "DISCONNECTED",
        xksProxyConnectivity: o.settings.connectivity,
        xksProxyUriEndpoint: o.settings.uriEndpoint,
        xksProxyUriPath: o.settings.uriPath,
        xksProxyVpcEndpointServiceName: o.settings.vpcEndpointServiceName ?? null,
        xksProxyVpcEndpointServiceOwner: o.settings.vpcEndpointServiceOwner ?? null,
        xksProxyAccessKeyId: o.settings.accessKeyId,
        xksProxySecretSealed: sealXksSecret(id, o.settings.secretAccessKey),
      },
    });
    return { customKeyStoreId: id };
  });
}

export type UpdateXksKeyStoreOptions = {
  customKeyStoreId: string;
  requestId: string;
  newName?: string;
  connectivity?: string;
  uriEndpoint?: string;
  uriPath?: string;
  vpcEndpointServiceName?: string;
  vpcEndpointServiceOwner?: string;
  credential?: { accessKeyId: string; secretAccessKey: string };
};

/**
 * UpdateCustomKeyStore of an external key store. While CONNECTED or DISCONNECTED: the name, the
 * credential and the URI path; the connectivity, endpoint and VPC endpoint service only while
 * DISCONNECTED. Switching to PUBLIC_ENDPOINT needs a new endpoint and drops the VPC endpoint service.
 * Any change of the proxy's settings is checked with GetHealthStatus before it is saved.
 */
export async function updateXksKeyStore(o: UpdateXksKeyStoreOptions, store: CustomKeyStore): Promise<void> {
  const disconnectedOnly = [o.connectivity, o.uriEndpoint, o.vpcEndpointServiceName, o.vpcEndpointServiceOwner].some(
    (v) => v !== undefined,
  );
  if (disconnectedOnly) {
    if (store.connectionState !== "DISCONNECTED") {
      throw keyStoreInvalidState(
        store.id,
        store.connectionState,
        "disconnect it before changing its XksProxyConnectivity, XksProxyUriEndpoint or VPC endpoint service (the name, credential and URI path can change while it is CONNECTED).",
      );
    }
  } else if (store.connectionState !== "CONNECTED" && store.connectionState !== "DISCONNECTED") {
    throw keyStoreInvalidState(store.id, store.connectionState, "it can be updated only while it is CONNECTED or DISCONNECTED.");
  }
  if (o.newName !== undefined && o.newName !== store.name && (await db().customKeyStore.findUnique({ where: { name: o.newName } }))) {
    throw keyStoreNameInUse(o.newName);
  }

  const current = proxySettingsOf(store);
  const connectivity = o.connectivity ?? current.connectivity;
  const toPublic = connectivity === "PUBLIC_ENDPOINT" && current.connectivity === "VPC_ENDPOINT_SERVICE";
  if (toPublic && (o.uriEndpoint === undefined || o.uriEndpoint === current.uriEndpoint)) {
    throw new KmsError("ValidationException", "Changing XksProxyConnectivity to PUBLIC_ENDPOINT requires a new XksProxyUriEndpoint.");
  }
  if (connectivity === "PUBLIC_ENDPOINT" && o.vpcEndpointServiceName) {
    throw new KmsError(
      "ValidationException",
      "XksProxyVpcEndpointServiceName is valid only with XksProxyConnectivity VPC_ENDPOINT_SERVICE.",
    );
  }
  const next: XksProxySettings = {
    connectivity,
    uriEndpoint: o.uriEndpoint ?? current.uriEndpoint,
    uriPath: o.uriPath ?? current.uriPath,
    vpcEndpointServiceName: connectivity === "PUBLIC_ENDPOINT" ? null : (o.vpcEndpointServiceName ?? current.vpcEndpointServiceName),
    vpcEndpointServiceOwner: connectivity === "PUBLIC_ENDPOINT" ? null : (o.vpcEndpointServiceOwner ?? current.vpcEndpointServiceOwner),
    accessKeyId: o.credential?.accessKeyId ?? current.accessKeyId,
    secretAccessKey: o.credential?.secretAccessKey ?? current.secretAccessKey,
  };
  if (next.connectivity === "VPC_ENDPOINT_SERVICE" && !next.vpcEndpointServiceName) {
    throw new KmsError("ValidationException", "XksProxyVpcEndpointServiceName is required with XksProxyConnectivity VPC_ENDPOINT_SERVICE.");
  }
  const proxyChanged = disconnectedOnly || o.uriPath !== undefined || o.credential !== undefined;
  if (proxyChanged) {
    await checkUnique(next, store.id);
    await checkProxy(next, "UpdateCustomKeyStore", o.requestId);
  }
  await db().customKeyStore.update({
    where: { id: store.id },
    data: {
      ...(o.newName !== undefined ? { name: o.newName } : {}),
      xksProxyConnectivity: next.connectivity,
      xksProxyUriEndpoint: next.uriEndpoint,
      xksProxyUriPath: next.uriPath,
      xksProxyVpcEndpointServiceName: next.vpcEndpointServiceName ?? null,
      xksProxyVpcEndpointServiceOwner: next.vpcEndpointServiceOwner ?? null,
      xksProxyAccessKeyId: next.accessKeyId,
      ...(o.credential ? { xksProxySecretSealed: sealXksSecret(store.id, o.credential.secretAccessKey) } : {}),
    },
  });
}

/** UpdateCustomKeyStore's entry for an external key store (under the key store lock). */
export async function updateXksKeyStoreById(o: UpdateXksKeyStoreOptions): Promise<void> {
  await recoverConnections();
  await withKeyStoreLock(async () => updateXksKeyStore(o, await findKeyStore(o.customKeyStoreId)));
}

/** The connect job's work for an external key store: the VPC endpoint service, then GetHealthStatus. */
export async function connectXksProxy(store: CustomKeyStore, kmsRequestId: string): Promise<ConnectionErrorCode | undefined> {
  const settings = proxySettingsOf(store);
  let service;
  if (settings.connectivity === "VPC_ENDPOINT_SERVICE") {
    const checked = await checkVpcEndpointService(settings);
    if (checked.problem === "NOT_FOUND") return "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND";
    if (checked.problem) return "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION";
    service = checked.service;
  }
  try {
    await getHealthStatus(targetOf(settings, service), { kmsRequestId, kmsOperation: "ConnectCustomKeyStore" });
    return undefined;
  } catch (e) {
    if (isXksFailure(e)) return connectionErrorCodeOfXks(e);
    console.error(`[local-kms] connecting external key store ${store.id}:`, e);
    return "INTERNAL_ERROR";
  }
}
