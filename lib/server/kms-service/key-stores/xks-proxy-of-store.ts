import "server-only";
import type { CustomKeyStore, XksVpcEndpointService } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { XksProxyTarget } from "@/lib/server/kms-service/xks/xks-proxy-client.ts";
import { XksFailure } from "@/lib/server/kms-service/xks/xks-failure.ts";

// An external key store's proxy: its configuration as KMS stores it, the sealed credential, and the
// local stand-in for a VPC endpoint service (a named entry pointing at a proxy URL, XksVpcEndpointService)
// with the checks KMS makes of one.

const secretContext = (storeId: string) => `custom-key-store:${storeId}:xks-proxy-secret`;

export function sealXksSecret(storeId: string, secret: string): string {
  return seal(secret, secretContext(storeId));
}

export type XksProxySettings = {
  connectivity: string;
  uriEndpoint: string;
  uriPath: string;
  vpcEndpointServiceName?: string | null;
  vpcEndpointServiceOwner?: string | null;
  accessKeyId: string;
  secretAccessKey: string;
};

/** The settings of a stored external key store (the secret opened, to sign with only). */
export function proxySettingsOf(store: CustomKeyStore): XksProxySettings {
  if (store.type !== "EXTERNAL_KEY_STORE" || !store.xksProxyUriEndpoint || !store.xksProxyUriPath || !store.xksProxySecretSealed) {
    throw new Error(`custom key store ${store.id} is not a complete external key store`);
  }
  return {
    connectivity: store.xksProxyConnectivity ?? "PUBLIC_ENDPOINT",
    uriEndpoint: store.xksProxyUriEndpoint,
    uriPath: store.xksProxyUriPath,
    vpcEndpointServiceName: store.xksProxyVpcEndpointServiceName,
    vpcEndpointServiceOwner: store.xksProxyVpcEndpointServiceOwner,
    accessKeyId: store.xksProxyAccessKeyId ?? "",
    secretAccessKey: openSealedText(store.xksProxySecretSealed, secretContext(store.id)),
  };
}

/**
 * The model's XksProxyUriEndpoint pattern is ^https://[a-zA-Z0-9.-]+$ (no port: KMS dials 443). The local
 * backend also accepts https://localhost:PORT and https://127.0.0.1:PORT, since a local proxy cannot count
 * on port 443 (README "External key stores"). Everything else is exactly the model's.
 */
export function isAcceptedUriEndpoint(value: string): boolean {
  if (/^https:\/\/[a-zA-Z0-9.-]+$/.test(value)) return true;
  const local = /^https:\/\/(localhost|127\.0\.0\.1):(\d{1,5})$/.exec(value);
  return env().KEYHOLD_BACKEND === "local" && local !== null && Number(local[2]) >= 1 && Number(local[2]) <= 65535;
}

export type VpcServiceProblem = "NOT_FOUND" | "INVALID_CONFIGURATION";

/**
 * The VPC endpoint service named for a store, as KMS checks it: it exists in the owner's account (the
 * caller's unless XksProxyVpcEndpointServiceOwner says otherwise), and meets the requirements: private
 * DNS name verified and equal to the XksProxyUriEndpoint host, no acceptance required, KMS allowed.
 */
export async function checkVpcEndpointService(
  settings: Pick<XksProxySettings, "uriEndpoint" | "vpcEndpointServiceName" | "vpcEndpointServiceOwner">,
): Promise<{ service?: XksVpcEndpointService; problem?: VpcServiceProblem; why?: string }> {
  const name = settings.vpcEndpointServiceName ?? "";
  const owner = settings.vpcEndpointServiceOwner ?? env().KEYHOLD_ACCOUNT_ID;
  const service = await db().xksVpcEndpointService.findUnique({ where: { name } });
  if (!service || service.ownerAccountId !== owner) {
    return { problem: "NOT_FOUND", why: `KMS cannot find the VPC endpoint service ${name} in account ${owner}.` };
  }
  const host = new URL(settings.uriEndpoint).hostname;
  if (!service.privateDnsVerified || service.privateDnsName !== host) {
    return {
      service,
      problem: "INVALID_CONFIGURATION",
      why: `The VPC endpoint service ${name} must have a verified private DNS name equal to the XksProxyUriEndpoint host (${host}).`,
    };
  }
  if (service.acceptanceRequired) {
    return {
      service,
      problem: "INVALID_CONFIGURATION",
      why: `The VPC endpoint service ${name} must not require acceptance of endpoint connections.`,
    };
  }
  if (!service.allowsKms) {
    return {
      service,
      problem: "INVALID_CONFIGURATION",
      why: `The VPC endpoint service ${name} must allow the principal cks.kms.${env().region}.amazonaws.com.`,
    };
  }
  return { service };
}

export function vpcServiceException(problem: VpcServiceProblem, why: string): KmsError {
  return problem === "NOT_FOUND"
    ? new KmsError("XksProxyVpcEndpointServiceNotFoundException", why)
    : new KmsError("XksProxyVpcEndpointServiceInvalidConfigurationException", why);
}

/** The target to call: the endpoint itself, or for VPC_ENDPOINT_SERVICE the address its service forwards to. */
export function targetOf(settings: XksProxySettings, service?: XksVpcEndpointService): XksProxyTarget {
  return {
    uriEndpoint: settings.uriEndpoint,
    uriPath: settings.uriPath,
    accessKeyId: settings.accessKeyId,
    secretAccessKey: settings.secretAccessKey,
    region: env().region,
    dialUrl: settings.connectivity === "VPC_ENDPOINT_SERVICE" ? service?.proxyUrl : undefined,
  };
}

/**
 * The target of a stored, connected store for key and crypto calls. A VPC endpoint service that is gone
 * or broken makes the call fail as an unreachable proxy would.
 */
export async function targetOfStore(store: CustomKeyStore): Promise<XksProxyTarget> {
  const settings = proxySettingsOf(store);
  if (settings.connectivity !== "VPC_ENDPOINT_SERVICE") return targetOf(settings);
  const { service, problem, why } = await checkVpcEndpointService(settings);
  if (problem) throw new XksFailure("unreachable", why ?? problem);
  return targetOf(settings, service);
}
