import "server-only";
import type { LocalServiceDeps } from "@/lib/server/kms-service/local-backend.ts";

/** Options of the SDK client factories (kmsClient, cloudHsmClient). */
export type SdkClientOptions = {
  /**
   * KEYHOLD_BACKEND=local: the signed-in console user's access key, which the local service verifies
   * (SigV4) and authorises as that user. Required there; ignored with KEYHOLD_BACKEND=aws, which uses
   * the SDK's standard credential chain.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** KEYHOLD_BACKEND=local: the end user's address, recorded by the local service's audit hook. */
  sourceIp?: string;
  /** KEYHOLD_BACKEND=local: the local service's dependencies; the real ones unless given (tests). */
  localDeps?: LocalServiceDeps;
};

/** The endpoint the local clients address. No socket is opened: the host only appears in the signed Host header. */
export const LOCAL_ENDPOINT = "http://localhost/api/aws";

export function requireLocalCredentials(opts: SdkClientOptions): { accessKeyId: string; secretAccessKey: string } {
  if (!opts.credentials) {
    throw new Error("The local KMS backend needs the console user's access key to sign requests");
  }
  return { accessKeyId: opts.credentials.accessKeyId, secretAccessKey: opts.credentials.secretAccessKey };
}
