// The REAL local KMS / CloudHSM service for integration tests: a fresh data directory (SQLite database,
// master key, SoftHSM tokens) per test file, migrated; a console user with an access key in the
// database; handleAwsRequest with localServiceDeps() (real operations, real SigV4 key lookup, real audit
// hook) served over node:http; and @aws-sdk clients signed with that key. Import it FIRST in a test file.
import { useTempDataDir, removeTempDataDir } from "@/lib/server/hsm/test-support.ts";

export const dataDir = useTempDataDir("local-kms");
process.env.KEYHOLD_BACKEND = "local";
process.env.KEYHOLD_REGION = "us-east-1";
process.env.KEYHOLD_ACCOUNT_ID = "111122223333";

import { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand, KMSClient } from "@aws-sdk/client-kms";
import { migrateDatabase } from "@/lib/server/clusters/test-support.ts";
import { db } from "@/lib/server/db.ts";
import { flushAuditEvents } from "@/lib/server/local-kms/audit/audit-writer.ts";
import { settleConnectionJobs } from "@/lib/server/local-kms/key-stores/connection-jobs.ts";
import { localServiceDeps } from "@/lib/server/local-kms/service-deps.ts";
import { seal } from "@/lib/server/secrets/secret-box.ts";
import { startHttpServer, type RunningServer } from "./local-kms-test-service.ts";

export const REGION = "us-east-1";
export const ACCOUNT_ID = "111122223333";
export const CREDENTIALS = {
  accessKeyId: "AKIADAVELOCALKMS2345",
  secretAccessKey: "dave/local+kms/0123456789abcdefghijklmnopq",
};
export const PRINCIPAL_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/dave`;

export type LocalKms = {
  url: string;
  kms: KMSClient;
  cloudhsm: CloudHSMV2Client;
  close: () => Promise<void>;
};

let server: RunningServer | undefined;

export async function startLocalKms(): Promise<LocalKms> {
  await migrateDatabase(dataDir);
  await db().user.create({ data: { id: "u-dave", name: "dave", passwordHash: "x" } });
  await db().accessKey.create({
    data: {
      id: CREDENTIALS.accessKeyId,
      userId: "u-dave",
      status: "Active",
      secretSealed: seal(CREDENTIALS.secretAccessKey, `access-key:${CREDENTIALS.accessKeyId}`),
    },
  });
  server = await startHttpServer(localServiceDeps());
  const options = { endpoint: server.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 };
  return {
    url: server.url,
    kms: new KMSClient(options),
    cloudhsm: new CloudHSMV2Client(options),
    close: stopLocalKms,
  };
}

export async function stopLocalKms(): Promise<void> {
  await server?.close();
  await settleConnectionJobs();
  await flushAuditEvents();
  await db().$disconnect();
  removeTempDataDir(dataDir);
}

/** Polls DescribeCustomKeyStores until the store reaches one of `states`; returns its entry. */
export async function waitForConnectionState(kms: KMSClient, customKeyStoreId: string, ...states: string[]) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { CustomKeyStores } = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: customKeyStoreId }));
    const entry = CustomKeyStores![0]!;
    if (states.includes(entry.ConnectionState!)) return entry;
    if (Date.now() > deadline) throw new Error(`${customKeyStoreId} stayed ${entry.ConnectionState}, expected ${states.join(" or ")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, any>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, any>;
  }
  throw new Error("expected the call to fail");
}
