// responseElements in the audit log, end to end: the real AWS SDK over HTTP makes the calls, the
// console's audit list and its CloudTrail export show what each answer recorded, and no secret
// (plaintext, data key, ciphertext, grant token, kmsuser password) is anywhere in either.
import { describe, expect, it } from "vitest";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateCustomKeyStoreCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import { ZAuditFilters, type AuditEvent } from "@/lib/schemas/audit.ts";
import { createCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { PRINCIPAL_ARN, useLocalKms } from "@/test/local-kms-server.ts";
import { exportAuditEvents } from "./export-audit-events.ts";
import { listAuditEvents } from "./list-audit-events.ts";

const service = useLocalKms("response-elements");
const KMSUSER_PASSWORD = "KmsuserSecret4242";
const PLAINTEXT = "the plaintext nobody may log";

async function exported(): Promise<Record<string, unknown>[]> {
  const text = await new Response(exportAuditEvents(ZAuditFilters.parse({}))).text();
  return text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("responseElements", () => {
  it("records what state-changing calls answered, null for reads and cryptographic calls, and no secret", async () => {
    const { kms } = service;
    const created = await kms.send(new CreateKeyCommand({ Description: "audited answers" }));
    const keyId = created.KeyMetadata!.KeyId!;
    const arn = created.KeyMetadata!.Arn!;
    await kms.send(new CreateAliasCommand({ AliasName: "alias/audited-answers", TargetKeyId: keyId }));
    const grant = await kms.send(
      new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: PRINCIPAL_ARN, Operations: ["Encrypt", "Decrypt"] }),
    );
    const encrypted = await kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from(PLAINTEXT) }));
    await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256" }));
    await kms.send(new DescribeKeyCommand({ KeyId: keyId }));
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    const cluster = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"], kmsuserPassword: KMSUSER_PASSWORD });
    const store = await kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: "answers-store",
        CloudHsmClusterId: cluster.clusterId,
        TrustAnchorCertificate: cluster.trustAnchorPem,
        KeyStorePassword: KMSUSER_PASSWORD,
      }),
    );
    await flushAuditEvents();

    const { events } = await listAuditEvents(ZAuditFilters.parse({ size: 200 }));
    const answer = (name: string): unknown => {
      const matching = events.filter((e: AuditEvent) => e.eventName === name && e.errorCode === null);
      expect(matching, name).toHaveLength(1);
      return matching[0]!.responseElements;
    };

    expect(answer("CreateKey")).toEqual({
      KeyMetadata: expect.objectContaining({
        KeyId: keyId,
        Arn: arn,
        Description: "audited answers",
        KeyState: "Enabled",
        CreationDate: created.KeyMetadata!.CreationDate!.toISOString(),
      }),
    });
    expect(answer("CreateGrant")).toEqual({ GrantId: grant.GrantId });
    expect(answer("ScheduleKeyDeletion")).toEqual({
      KeyId: arn,
      DeletionDate: scheduled.DeletionDate!.toISOString(),
      KeyState: "PendingDeletion",
      PendingWindowInDays: 7,
    });
    expect(answer("CancelKeyDeletion")).toEqual({ KeyId: arn });
    expect(answer("CreateCustomKeyStore")).toEqual({ CustomKeyStoreId: store.CustomKeyStoreId });
    // An empty answer, reads and cryptographic calls: null, as CloudTrail has them.
    for (const name of ["CreateAlias", "Encrypt", "Decrypt", "GenerateDataKey", "DescribeKey"]) expect(answer(name), name).toBeNull();

    // The export carries the same elements in CloudTrail's record.
    const records = await exported();
    const record = records.find((r) => r.eventName === "CreateGrant")!;
    expect(record.responseElements).toEqual({ GrantId: grant.GrantId });
    expect(records.find((r) => r.eventName === "Encrypt")!.responseElements).toBeNull();

    // No secret anywhere: plaintext, data key, ciphertext, grant token, kmsuser password.
    const secrets = [
      PLAINTEXT,
      Buffer.from(PLAINTEXT).toString("base64"),
      Buffer.from(dataKey.Plaintext!).toString("base64"),
      Buffer.from(dataKey.CiphertextBlob!).toString("base64"),
      Buffer.from(encrypted.CiphertextBlob!).toString("base64"),
      grant.GrantToken!,
      KMSUSER_PASSWORD,
    ];
    for (const text of [JSON.stringify(events), JSON.stringify(records)]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
