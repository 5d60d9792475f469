// The local service authorises every SigV4 caller with its console role, as IAM would with identity
// policies: over HTTP with the real SDK clients, signed with access keys of real console users.
import { beforeAll, describe, expect, it } from "vitest";
import { CloudHSMV2Client, CreateHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import {
  CreateKeyCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  EncryptCommand,
  KMSClient,
  ListKeysCommand,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import type { Role } from "@/lib/schemas/auth.ts";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { generatePassword } from "@/lib/server/platform/identity/generate-password.ts";
import { operations } from "@/lib/server/kms-service/operations/registry.ts";
import { REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { OPERATION_PERMISSIONS } from "./operation-permissions.ts";

const service = useLocalKms("authorize-operation");
let viewer: { kms: KMSClient; cloudhsm: CloudHSMV2Client };
let operator: { kms: KMSClient; cloudhsm: CloudHSMV2Client };
let keyId: string;

async function clientsFor(name: string, role: Role) {
  const user = await createUser({ name, password: generatePassword(), role });
  const credentials = await createAccessKey(user.id);
  const options = { endpoint: service.url, region: REGION, credentials, maxAttempts: 1 };
  return { kms: new KMSClient(options), cloudhsm: new CloudHSMV2Client(options) };
}

beforeAll(async () => {
  viewer = await clientsFor("vera", "viewer");
  operator = await clientsFor("otto", "operator");
  keyId = (await service.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
});

describe("authorisation by console role", () => {
  it("names a permission for every operation the service answers", () => {
    expect(Object.keys(operations).filter((op) => !(op in OPERATION_PERMISSIONS))).toEqual([]);
  });

  it("lets a viewer read", async () => {
    await expect(viewer.kms.send(new DescribeCustomKeyStoresCommand({}))).resolves.toBeDefined();
    expect((await viewer.kms.send(new ListKeysCommand({}))).Keys!.map((k) => k.KeyId)).toContain(keyId);
    expect((await viewer.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyId).toBe(keyId);
    await expect(viewer.cloudhsm.send(new DescribeClustersCommand({}))).resolves.toBeDefined();
  });

  it("refuses a viewer every change and all cryptography, in IAM's words", async () => {
    const denied = await rejection(viewer.kms.send(new CreateKeyCommand({})));
    expect(denied.name).toBe("AccessDeniedException");
    expect(denied.message).toBe(
      "User: arn:aws:iam::111122223333:user/vera is not authorized to perform: kms:CreateKey because no identity-based policy allows the kms:CreateKey action",
    );
    expect((denied as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
    for (const call of [
      viewer.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x") })),
      viewer.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 })),
      viewer.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: "cks-1234567890abcdef0" })),
    ]) {
      expect((await rejection(call)).name).toBe("AccessDeniedException");
    }
    const hsm = await rejection(
      viewer.cloudhsm.send(new CreateHsmCommand({ ClusterId: "cluster-abcdefghijk", AvailabilityZone: "us-east-1a" })),
    );
    expect(hsm.name).toBe("CloudHsmAccessDeniedException");
    // Nothing happened: the key is still enabled.
    expect((await service.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe("Enabled");
  });

  it("lets an operator change keys and use them", async () => {
    const created = (await operator.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const { CiphertextBlob } = await operator.kms.send(new EncryptCommand({ KeyId: created, Plaintext: Buffer.from("hello") }));
    expect(CiphertextBlob!.length).toBeGreaterThan(0);
  });
});
