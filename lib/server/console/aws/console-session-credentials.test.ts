// The console signs a signed-in user's KMS calls with their session's own credential, so a user who
// just signed in with a password (no access key) can use the key pages as their role and the key
// policies allow. Real in-process SDK clients, the real local service (SigV4, key policy), SQLite,
// SoftHSM.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand, DescribeKeyCommand, EncryptCommand, ListKeysCommand, PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { deleteSession } from "@/lib/server/console/auth/delete-session.ts";
import { encryptText } from "@/lib/server/console/keys/encrypt-text.ts";
import { getKey } from "@/lib/server/console/keys/get-key.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { callerWith } from "@/test/console-caller.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { kmsForCaller, userCredentials, type Caller } from "./user-credentials.ts";

useMigratedDataDir("console-session-credentials");
let operator: Caller;
let viewer: Caller;

beforeAll(async () => {
  operator = await callerWith("fresh-operator", "operator");
  viewer = await callerWith("fresh-viewer", "viewer");
});

describe("console session credentials", () => {
  it("let users with no access key use the key pages as their role and the key policy allow, audited as themselves", async () => {
    expect(await db().accessKey.count()).toBe(0);
    const opKms = await kmsForCaller(operator);
    const key = (await opKms.send(new CreateKeyCommand({ Description: "made by a fresh operator" }))).KeyMetadata!;
    const { ciphertextBlob } = await encryptText({
      caller: operator,
      keyId: key.KeyId!,
      request: { plaintext: "hi", encryptionContext: [] },
    });
    expect(ciphertextBlob.length).toBeGreaterThan(0);

    // A viewer reads (the key page), but the role does not let them encrypt …
    expect((await getKey({ caller: viewer, keyId: key.KeyId! })).key).toMatchObject({ keyId: key.KeyId });
    const viewerKms = await kmsForCaller(viewer);
    expect((await viewerKms.send(new ListKeysCommand({}))).Keys?.map((k) => k.KeyId)).toContain(key.KeyId);
    await expect(
      encryptText({ caller: viewer, keyId: key.KeyId!, request: { plaintext: "hi", encryptionContext: [] } }),
    ).rejects.toMatchObject({
      code: "AccessDeniedException",
      safeMessage: expect.stringContaining(`User: ${viewer.session.user.principalArn} is not authorized to perform: kms:Encrypt`),
    });
    // … until the key policy names them: the policy sees the session's user as the principal.
    const account = env().KEYHOLD_ACCOUNT_ID;
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "Account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "Viewer", Effect: "Allow", Principal: { AWS: viewer.session.user.principalArn }, Action: "kms:Encrypt", Resource: "*" },
      ],
    };
    await opKms.send(new PutKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: "default", Policy: JSON.stringify(policy) }));
    await viewerKms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("hi") }));

    // The audit names the user, with the session's ASIA… key id; no access key was ever created.
    await flushAuditEvents();
    const events = await db().auditEvent.findMany({ where: { principalArn: viewer.session.user.principalArn, eventName: "Encrypt" } });
    expect(events.map((e) => e.errorCode).sort()).toEqual([null, "AccessDeniedException"].sort());
    expect(events.every((e) => /^ASIA[A-Z2-7]{16}$/.test(e.accessKeyId ?? ""))).toBe(true);
    expect(await db().accessKey.count()).toBe(0);
    // The secret is derived, never stored.
    const { secretAccessKey } = userCredentials(viewer.session)!;
    const dump = JSON.stringify(await Promise.all([db().session.findMany(), db().auditEvent.findMany(), db().setting.findMany()]));
    expect(dump).not.toContain(secretAccessKey);
  });

  it("is one per session and refused once the session ends or expires", async () => {
    const other = await callerWith("second-session-user", "viewer");
    expect(userCredentials(other.session)!.accessKeyId).not.toBe(userCredentials(viewer.session)!.accessKeyId);
    const kms = await kmsForCaller(other);
    await kms.send(new ListKeysCommand({}));

    await deleteSession(other.session.sessionId); // sign-out
    expect((await rejection(kms.send(new ListKeysCommand({})))).name).toBe("UnrecognizedClientException");
    await expect(getKey({ caller: other, keyId: "alias/none" })).rejects.toMatchObject({ code: "UnrecognizedClientException" });

    const expiring = await callerWith("expiring-user", "viewer");
    await db().session.update({ where: { id: expiring.session.sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await kmsForCaller(expiring);
    expect((await rejection(expired.send(new DescribeKeyCommand({ KeyId: "alias/none" })))).name).toBe("UnrecognizedClientException");
  });
});
