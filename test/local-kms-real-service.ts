// Helpers to make, connect and disconnect a CloudHSM key store on a real local cluster (in the data dir
// of the test file or process), and the real operations served over node:http with the test access
// keys, for the service process of test/local-kms-service-process.ts. Test files get the service
// itself from the useLocalKms fixture (test/local-kms-server.ts).
import crypto from "node:crypto";
import { createCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { db } from "@/lib/server/platform/db.ts";
import {
  connectLocalKeyStore,
  createLocalKeyStore,
  disconnectLocalKeyStore,
  settleConnectionJobs,
} from "@/lib/server/kms-service/key-stores/index.ts";
import { recordAwsRequest } from "@/lib/server/kms-service/audit/record-aws-request.ts";
import { operations } from "@/lib/server/kms-service/operations/registry.ts";
import { ACCOUNT_ID, ALICE, REGION, lookupAccessKey, startHttpServer, type RunningServer } from "./local-kms-test-service.ts";

export { ACCOUNT_ID, ALICE, REGION };

/** `audit`: every request becomes an AuditEvent through the real audit hook, as on /api/aws. */
export async function startRealKmsService(opts: { audit?: boolean } = {}): Promise<RunningServer> {
  const onCompleted = opts.audit ? recordAwsRequest : undefined;
  return startHttpServer({ region: REGION, accountId: ACCOUNT_ID, lookupAccessKey, operations, onCompleted, log: () => {} });
}

export type TestKeyStore = { storeId: string; clusterId: string; kmsuserPassword: string };

/**
 * A CloudHSM key store on a new local cluster (HSMs in two AZs), made and connected with the key-store
 * domain's own functions (CreateCustomKeyStore / ConnectCustomKeyStore semantics); left DISCONNECTED
 * when `connect` is false.
 */
export async function createTestKeyStore(opts: { connect?: boolean; name?: string } = {}): Promise<TestKeyStore> {
  const { clusterId, trustAnchorPem, kmsuserPassword } = await createCluster({
    availabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
    hsmAvailabilityZones: [`${REGION}a`, `${REGION}b`],
  });
  const { customKeyStoreId: storeId } = await createLocalKeyStore({
    name: opts.name ?? `store-${crypto.randomBytes(6).toString("hex")}`,
    cloudHsmClusterId: clusterId,
    trustAnchorCertificate: trustAnchorPem,
    keyStorePassword: kmsuserPassword,
  });
  if (opts.connect !== false) await connectTestKeyStore(storeId);
  return { storeId, clusterId, kmsuserPassword };
}

export async function connectTestKeyStore(storeId: string): Promise<void> {
  await connectLocalKeyStore({ customKeyStoreId: storeId });
  await settleConnectionJobs();
  const { connectionState, connectionErrorCode } = await db().customKeyStore.findUniqueOrThrow({ where: { id: storeId } });
  if (connectionState !== "CONNECTED") throw new Error(`test key store ${storeId} is ${connectionState} (${connectionErrorCode})`);
}

export async function disconnectTestKeyStore(storeId: string): Promise<void> {
  await disconnectLocalKeyStore({ customKeyStoreId: storeId });
  await settleConnectionJobs();
}
