// The real local KMS service for integration tests: every registered operation over node:http
// (startHttpServer from local-kms-test-service.ts), SigV4 against the test access keys, the SQLite
// database and SoftHSM tokens of the test file's temp data dir (useTempDataDir first), and helpers
// to make a CloudHSM key store whose cluster is a real local cluster.
import crypto from "node:crypto";
import { KMSClient } from "@aws-sdk/client-kms";
import { createCluster } from "@/lib/server/clusters/create-cluster.ts";
import { db } from "@/lib/server/db.ts";
import { operations } from "@/lib/server/local-kms/operations/registry.ts";
import { ACCOUNT_ID, ALICE, REGION, lookupAccessKey, startHttpServer, type RunningServer } from "./local-kms-test-service.ts";

export { ACCOUNT_ID, ALICE, REGION };

export async function startRealKmsService(): Promise<RunningServer> {
  return startHttpServer({ region: REGION, accountId: ACCOUNT_ID, lookupAccessKey, operations, log: () => {} });
}

export function kmsClientFor(server: { url: string }, opts: { maxAttempts?: number } = {}): KMSClient {
  return new KMSClient({ endpoint: server.url, region: REGION, credentials: ALICE, maxAttempts: opts.maxAttempts ?? 1 });
}

export type TestKeyStore = { storeId: string; clusterId: string };

/**
 * A CloudHSM key store row on a new local cluster with HSMs in `hsmZones` (default two AZs), in the
 * given connection state. The connection itself is the key-store operations' job; tests set the state.
 */
export async function createTestKeyStore(
  opts: { connectionState?: string; hsmZones?: string[]; name?: string } = {},
): Promise<TestKeyStore> {
  const { clusterId, trustAnchorPem } = await createCluster({
    availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
    hsmAvailabilityZones: opts.hsmZones ?? [`${REGION}a`, `${REGION}b`],
  });
  const storeId = `cks-${crypto.randomBytes(9).toString("hex").slice(0, 17)}`;
  await db().customKeyStore.create({
    data: {
      id: storeId,
      name: opts.name ?? `store-${storeId}`,
      type: "AWS_CLOUDHSM",
      cloudHsmClusterId: clusterId,
      trustAnchorPem,
      connectionState: opts.connectionState ?? "CONNECTED",
    },
  });
  return { storeId, clusterId };
}

export async function setConnectionState(storeId: string, connectionState: string): Promise<void> {
  await db().customKeyStore.update({ where: { id: storeId }, data: { connectionState, connectionStateChangedAt: new Date() } });
}
