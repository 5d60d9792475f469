// A test double of the local KMS service for wire-layer tests: an in-memory access-key table, a small
// operation registry, and a node:http server wrapping handleAwsRequest exactly as a standalone
// endpoint would (raw path, raw headers, raw body bytes).
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { HandleAwsRequestDeps } from "@/lib/server/kms-service/wire/handle-aws-request.ts";
import { serveAwsRequest } from "@/lib/server/kms-service/wire/serve-node-http.ts";
import { blobFromWire } from "@/lib/server/kms-service/wire/wire-values.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { CompletedRequest, OperationContext, OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import type { AccessKeyRecord } from "@/lib/server/platform/sigv4/verify-sigv4.ts";

export const REGION = "us-east-1";
export const ACCOUNT_ID = "111122223333";
export const ALICE = {
  accessKeyId: "AKIAALICEEXAMPLE2345",
  secretAccessKey: "alice/secret+KEY/wJalrXUtnFEMI/K7MDENGbPxRfiCY",
};
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const CLUSTER_CREATED = new Date("2024-02-29T12:34:56.789Z");

const keys = new Map<string, AccessKeyRecord>([
  [
    ALICE.accessKeyId,
    {
      secretAccessKey: ALICE.secretAccessKey,
      principalArn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`,
      userName: "alice",
      // Key policies are evaluated by the real operations: the default policy hands them to the role.
      role: "admin",
    },
  ],
]);

export async function lookupAccessKey(accessKeyId: string): Promise<AccessKeyRecord | null> {
  return keys.get(accessKeyId) ?? null;
}

// "Encryption" that is easy to check: a marker, then the plaintext reversed.
const MARK = Buffer.from("kh1:");

export function testOperations(seen: OperationContext[] = []): OperationRegistry {
  return {
    "kms:GenerateRandom": async (input, ctx) => {
      seen.push(ctx);
      const n = input.NumberOfBytes;
      if (typeof n !== "number" || n < 1 || n > 1024) {
        throw new KmsError(
          "ValidationException",
          `1 validation error detected: Value '${String(n)}' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024`,
        );
      }
      return { Plaintext: crypto.randomBytes(n) };
    },
    "kms:ListKeys": async () => ({
      Keys: [{ KeyId: KEY_ARN.split("/")[1], KeyArn: KEY_ARN }],
      Truncated: false,
      NextMarker: undefined,
    }),
    "kms:Encrypt": async (input) => {
      const plaintext = blobFromWire(input.Plaintext, "Plaintext") ?? Buffer.alloc(0);
      return {
        CiphertextBlob: Buffer.concat([MARK, Buffer.from(plaintext).reverse()]),
        KeyId: KEY_ARN,
        EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      };
    },
    "kms:Decrypt": async (input) => {
      const blob = blobFromWire(input.CiphertextBlob, "CiphertextBlob");
      if (!blob || !blob.subarray(0, MARK.length).equals(MARK)) throw new KmsError("InvalidCiphertextException", "");
      return { Plaintext: Buffer.from(blob.subarray(MARK.length)).reverse(), KeyId: KEY_ARN };
    },
    "kms:DescribeKey": async (input) => {
      throw new KmsError("NotFoundException", `Key '${String(input.KeyId)}' does not exist`);
    },
    "kms:ScheduleKeyDeletion": async () => ({
      KeyId: KEY_ARN,
      DeletionDate: new Date("2030-01-07T00:00:00.500Z"),
      KeyState: "PendingDeletion",
      PendingWindowInDays: 7,
    }),
    "kms:EnableKey": async () => undefined,
    "kms:GetKeyPolicy": async () => {
      throw new Error("database password hunter2 rejected at /srv/keyhold/db.ts:42");
    },
    "cloudhsm:DescribeClusters": async () => ({
      Clusters: [
        {
          ClusterId: "cluster-jxhlf7644ne",
          State: "ACTIVE",
          CreateTimestamp: CLUSTER_CREATED,
          Hsms: [{ HsmId: "hsm-ab12cd34ef5", AvailabilityZone: "us-east-1a", State: "ACTIVE" }],
        },
      ],
    }),
    "cloudhsm:DescribeBackups": async () => {
      throw new KmsError("CloudHsmResourceNotFoundException", "Backup backup-xyz not found.");
    },
  };
}

export type TestService = {
  deps: HandleAwsRequestDeps;
  completed: CompletedRequest[];
  seen: OperationContext[];
};

export function testService(overrides: Partial<HandleAwsRequestDeps> = {}): TestService {
  const completed: CompletedRequest[] = [];
  const seen: OperationContext[] = [];
  const deps: HandleAwsRequestDeps = {
    region: REGION,
    accountId: ACCOUNT_ID,
    lookupAccessKey,
    operations: testOperations(seen),
    onCompleted: (event) => {
      completed.push(event);
    },
    log: () => {},
    ...overrides,
  };
  return { deps, completed, seen };
}

export type RunningServer = { url: string; port: number; close: () => Promise<void> };

/** Serves handleAwsRequest on 127.0.0.1 at a free port, through the product's node:http adapter. */
export async function startHttpServer(deps: HandleAwsRequestDeps): Promise<RunningServer> {
  const server = http.createServer((req, res) => void serveAwsRequest(req, res, deps));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
