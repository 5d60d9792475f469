// The key page's grants through the console's own path: the in-process SDK client signed as the
// signed-in user, the real local service, SQLite and SoftHSM. ListGrants is mapped for the page;
// RevokeGrant ends a grant, and a viewer's attempt comes back as KMS's AccessDeniedException.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateGrantCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { callerWith } from "@/test/console-caller.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { listKeyGrants } from "./list-key-grants.ts";
import { revokeKeyGrant } from "./revoke-key-grant.ts";

useMigratedDataDir("console-key-grants");
let admin: Caller;
let viewer: Caller;

beforeAll(async () => {
  admin = await callerWith("grant-admin", "admin");
  viewer = await callerWith("grant-viewer", "viewer");
});

describe("key grants in the console", () => {
  it("lists a key's grants and revokes one; a viewer may list but not revoke", async () => {
    const kms = await kmsForCaller(admin);
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const { GrantId } = await kms.send(
      new CreateGrantCommand({
        KeyId: key.KeyId,
        Name: "app",
        GranteePrincipal: viewer.session.user.principalArn,
        RetiringPrincipal: admin.session.user.principalArn,
        Operations: ["Encrypt", "Decrypt"],
        Constraints: { EncryptionContextSubset: { app: "orders" } },
      }),
    );
    const grants = await listKeyGrants({ caller: viewer, keyId: key.KeyId! });
    expect(grants).toEqual([
      {
        grantId: GrantId,
        name: "app",
        creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        granteePrincipal: viewer.session.user.principalArn,
        retiringPrincipal: admin.session.user.principalArn,
        operations: ["Encrypt", "Decrypt"],
        constraints: { encryptionContextSubset: { app: "orders" } },
      },
    ]);
    await expect(revokeKeyGrant({ caller: viewer, keyId: key.KeyId!, grantId: GrantId! })).rejects.toMatchObject({
      code: "AccessDeniedException",
      safeMessage: `User: ${viewer.session.user.principalArn} is not authorized to perform: kms:RevokeGrant on resource: ${key.Arn} because no identity-based policy allows the kms:RevokeGrant action`,
    });
    await revokeKeyGrant({ caller: admin, keyId: key.KeyId!, grantId: GrantId! });
    expect(await listKeyGrants({ caller: admin, keyId: key.KeyId! })).toEqual([]);
  });
});
