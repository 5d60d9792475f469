// The REAL local KMS / CloudHSM service for integration tests, as a fixture: a migrated data dir of the
// test file's own (test/temp-data-dir.ts); a console user "dave" with an access key in the database;
// handleAwsRequest with localServiceDeps() (real operations, real SigV4 key lookup, real audit hook)
// served over node:http; and @aws-sdk clients signed with that key. A test file states only its name:
//   const service = useLocalKms("kms-crypto");   // then service.kms / service.cloudhsm in its tests
import { afterAll, beforeAll } from "vitest";
import { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand, KMSClient } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { settleConnectionJobs } from "@/lib/server/kms-service/key-stores/connection-jobs.ts";
import { localServiceDeps } from "@/lib/server/kms-service/service-deps.ts";
import { seal } from "@/lib/server/platform/secrets/secret-box.ts";
import { ACCOUNT_ID, REGION, startHttpServer, type RunningServer } from "./local-kms-test-service.ts";
import { useMigratedDataDir } from "./temp-data-dir.ts";

export { ACCOUNT_ID, REGION };
export const CREDENTIALS = {
  accessKeyId: "AKIADAVELOCALKMS2345",
  secretAccessKey: "dave/local+kms/0123456789abcdefghijklmnopq",
};
export const PRINCIPAL_ARN = `arn:aws:iam::${ACCOUNT_ID}:user/dave`;

export type LocalKms = {
  /** The test file's data dir. */
  dir: string;
  url: string;
  kms: KMSClient;
  cloudhsm: CloudHSMV2Client;
  /** Another KMS client signed as dave, e.g. one that retries. */
  kmsClient: (opts?: { maxAttempts?: number }) => KMSClient;
};

/**
 * Registers the service's beforeAll / afterAll in the calling test file and returns it; its members
 * are filled in before the file's own beforeAll hooks run.
 */
export function useLocalKms(name: string): LocalKms {
  process.env.KEYHOLD_BACKEND = "local";
  process.env.KEYHOLD_REGION = REGION;
  process.env.KEYHOLD_ACCOUNT_ID = ACCOUNT_ID;
  const service = { dir: useMigratedDataDir(name) } as LocalKms;
  let server: RunningServer | undefined;

  beforeAll(async () => {
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
    const url = server.url;
    const options = (maxAttempts = 1) => ({ endpoint: url, region: REGION, credentials: CREDENTIALS, maxAttempts });
    Object.assign(service, {
      url,
      kms: new KMSClient(options()),
      cloudhsm: new CloudHSMV2Client(options()),
      kmsClient: (opts: { maxAttempts?: number } = {}) => new KMSClient(options(opts.maxAttempts)),
    } satisfies Omit<LocalKms, "dir">);
  });
  // Runs before the data dir's teardown: no request and no connection job may outlive the folder.
  afterAll(async () => {
    await server?.close();
    await settleConnectionJobs();
  });
  return service;
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
