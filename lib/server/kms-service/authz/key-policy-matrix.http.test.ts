// Key policies and grants decide every key operation, as KMS decides them: principal × action ×
// condition × deny/allow × grant, through the real @aws-sdk/client-kms over HTTP against the real
// local service (SQLite, SoftHSM), signed as console users of each role. Every row asserts the exact
// outcome: the call succeeds, or AccessDeniedException with KMS's message naming the action, the key
// and the missing (or denying) policy.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GetKeyPolicyCommand,
  ListGrantsCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  type GrantOperation,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { buildKeyPolicy } from "@/lib/key-policy.ts";
import { ACCOUNT_ID, useLocalKms } from "@/test/local-kms-server.ts";
import { kmsUser, type KmsUser } from "@/test/kms-users.ts";
import { failure } from "@/test/sdk-failure.ts";

const service = useLocalKms("key-policy-matrix");
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
const OTHER_ACCOUNT = "444455556666";
const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:user/${name}`;
const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (principal: string | string[], Action: string | string[], Condition?: object) => ({
  Effect: "Allow",
  Principal: principal === "*" ? "*" : { AWS: principal },
  Action,
  Resource: "*",
  ...(Condition ? { Condition } : {}),
});
const deny = (principal: string | string[], Action: string | string[], Condition?: object) => ({
  ...allow(principal, Action, Condition),
  Effect: "Deny",
});

// Who signs: roles are the account's IAM; kim and una are named in the seed-004 policy, gus only in grants.
const ROLES = { adam: "admin", otto: "operator", vera: "viewer", kim: "viewer", una: "viewer", gus: "viewer" } as const;
type Who = keyof typeof ROLES;

type KeyName = "dflt" | "seed" | "own" | "deny" | "cond" | "foreign";
type Ciphertexts = { plain: Uint8Array; orders: Uint8Array; it: Uint8Array };
const users = {} as Record<Who, KmsUser>;
const keys = {} as Record<KeyName, { id: string; arn: string; ct: Ciphertexts }>;

// The policies put on each key (after its ciphertexts and grants were made under the default policy).
const POLICIES: Record<KeyName, string | undefined> = {
  dflt: undefined,
  // Seed 004: the console's default key policy, from the key-creation wizard.
  seed: buildKeyPolicy({
    accountId: ACCOUNT_ID,
    keyAdministrators: [arnOf("kim")],
    allowAdminsToDelete: false,
    keyUsers: [arnOf("una")],
    otherAccounts: [OTHER_ACCOUNT],
  }),
  // No account statement: the role counts for nothing, only the policy and the grants do.
  own: policy(
    allow(arnOf("una"), ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"]),
    allow("*", "kms:GetKeyPolicy", { StringEquals: { "kms:CallerAccount": ACCOUNT_ID } }),
    allow("*", "kms:ListResourceTags", { StringEquals: { "kms:CallerAccount": OTHER_ACCOUNT } }),
  ),
  deny: policy(
    allow(ROOT, "kms:*"),
    deny(arnOf("otto"), "kms:Encrypt"),
    deny("*", "kms:Decrypt", { StringNotEquals: { "kms:EncryptionContext:dept": "it" } }),
    deny("*", "kms:ScheduleKeyDeletion"),
  ),
  cond: policy(
    allow("*", ["kms:Encrypt", "kms:Decrypt"], { StringEquals: { "kms:EncryptionContext:app": "orders" } }),
    allow("*", "kms:GenerateDataKey*", {
      "ForAllValues:StringLike": { "kms:EncryptionContextKeys": ["app", "team-*"] },
      Null: { "kms:EncryptionContextKeys": "false" },
    }),
    allow(arnOf("una"), ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], { Bool: { "kms:GrantIsForAWSResource": "true" } }),
    allow(arnOf("kim"), "kms:CreateGrant", { "ForAllValues:StringEquals": { "kms:GrantOperations": ["Encrypt", "Decrypt"] } }),
    allow("*", "kms:DescribeKey", { StringEquals: { "kms:ViaService": `ec2.us-east-1.amazonaws.com` } }),
    allow(arnOf("vera"), "kms:ListGrants"),
    allow(["*"], "kms:ListResourceTags", { StringLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT_ID}:user/v*` } }),
  ),
  foreign: policy(allow(`arn:aws:iam::${OTHER_ACCOUNT}:root`, "kms:*")),
};

// Grants made (as dave, an administrator) before the policies: to gus under a constraint, to the
// account (the role decides), and to otto on the key that denies otto Encrypt.
const GRANTS: Array<{ key: KeyName; grantee: string; ops: GrantOperation[]; subset?: Record<string, string> }> = [
  { key: "own", grantee: arnOf("gus"), ops: ["Encrypt", "Decrypt", "GenerateDataKey"], subset: { app: "orders" } },
  { key: "own", grantee: ACCOUNT_ID, ops: ["ReEncryptTo"] },
  { key: "deny", grantee: arnOf("otto"), ops: ["Encrypt"] },
];

beforeAll(async () => {
  for (const [name, role] of Object.entries(ROLES)) users[name as Who] = await kmsUser(service, name, role);
  for (const name of Object.keys(POLICIES) as KeyName[]) {
    const md = (await service.kms.send(new CreateKeyCommand({ Description: name }))).KeyMetadata!;
    const enc = async (EncryptionContext?: Record<string, string>) =>
      (await service.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: Buffer.from("secret"), EncryptionContext })))
        .CiphertextBlob!;
    keys[name] = {
      id: md.KeyId!,
      arn: md.Arn!,
      ct: { plain: await enc(), orders: await enc({ app: "orders" }), it: await enc({ dept: "it" }) },
    };
  }
  for (const g of GRANTS) {
    await service.kms.send(
      new CreateGrantCommand({
        KeyId: keys[g.key].id,
        GranteePrincipal: g.grantee,
        Operations: g.ops,
        Constraints: g.subset ? { EncryptionContextSubset: g.subset } : undefined,
      }),
    );
  }
  for (const [name, doc] of Object.entries(POLICIES)) {
    if (doc)
      await service.kms.send(
        new PutKeyPolicyCommand({ KeyId: keys[name as KeyName].id, Policy: doc, BypassPolicyLockoutSafetyCheck: true }),
      );
  }
});

type Call = (kms: KMSClient, key: { id: string; arn: string; ct: Ciphertexts }) => Promise<unknown>;
const ec = (EncryptionContext?: Record<string, string>) => EncryptionContext;
const text = Buffer.from("hello");
const calls = {
  DescribeKey: (): Call => (kms, k) => kms.send(new DescribeKeyCommand({ KeyId: k.id })),
  Encrypt:
    (context?: Record<string, string>): Call =>
    (kms, k) =>
      kms.send(new EncryptCommand({ KeyId: k.id, Plaintext: text, EncryptionContext: ec(context) })),
  Decrypt:
    (ct: keyof Ciphertexts, context?: Record<string, string>): Call =>
    (kms, k) =>
      kms.send(new DecryptCommand({ CiphertextBlob: k.ct[ct], EncryptionContext: ec(context) })),
  ReEncrypt:
    (to: KeyName): Call =>
    (kms, k) =>
      kms.send(new ReEncryptCommand({ CiphertextBlob: k.ct.plain, DestinationKeyId: keys[to].id })),
  GenerateDataKey:
    (context?: Record<string, string>): Call =>
    (kms, k) =>
      kms.send(new GenerateDataKeyCommand({ KeyId: k.id, KeySpec: "AES_256", EncryptionContext: ec(context) })),
  GenerateDataKeyWithoutPlaintext:
    (context?: Record<string, string>): Call =>
    (kms, k) =>
      kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.id, NumberOfBytes: 32, EncryptionContext: ec(context) })),
  GetKeyPolicy: (): Call => (kms, k) => kms.send(new GetKeyPolicyCommand({ KeyId: k.id })),
  EnableKey: (): Call => (kms, k) => kms.send(new EnableKeyCommand({ KeyId: k.id })),
  TagResource: (): Call => (kms, k) => kms.send(new TagResourceCommand({ KeyId: k.id, Tags: [{ TagKey: "team", TagValue: "matrix" }] })),
  ListResourceTags: (): Call => (kms, k) => kms.send(new ListResourceTagsCommand({ KeyId: k.id })),
  ScheduleKeyDeletion: (): Call => (kms, k) => kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.id, PendingWindowInDays: 7 })),
  CreateGrant:
    (ops: GrantOperation[]): Call =>
    (kms, k) =>
      kms.send(new CreateGrantCommand({ KeyId: k.id, GranteePrincipal: arnOf("nobody"), Operations: ops })),
  ListGrants: (): Call => (kms, k) => kms.send(new ListGrantsCommand({ KeyId: k.id })),
};

type Denial = "explicit" | "identity" | "resource";
type Row = { who: Who; key: KeyName; does: string; call: Call; expect: "allowed" | Denial; action?: string; on?: KeyName };
const row = (who: Who, key: KeyName, does: string, call: Call, expected: Row["expect"], extra: Partial<Row> = {}): Row => ({
  who,
  key,
  does,
  call,
  expect: expected,
  ...extra,
});

const ROWS: Row[] = [
  // The AWS default policy: the account statement hands every decision to the role.
  row("vera", "dflt", "DescribeKey", calls.DescribeKey(), "allowed"),
  row("vera", "dflt", "Encrypt", calls.Encrypt(), "identity"),
  row("vera", "dflt", "GetKeyPolicy", calls.GetKeyPolicy(), "allowed"),
  row("otto", "dflt", "Encrypt", calls.Encrypt(), "allowed"),
  row("otto", "dflt", "Decrypt", calls.Decrypt("plain"), "allowed"),
  row("adam", "dflt", "TagResource", calls.TagResource(), "allowed"),

  // Seed 004: key administrators (kim), key users (una), other accounts — both are viewers.
  row("kim", "seed", "DescribeKey (kms:Describe*)", calls.DescribeKey(), "allowed"),
  row("kim", "seed", "GetKeyPolicy (kms:Get*)", calls.GetKeyPolicy(), "allowed"),
  row("kim", "seed", "EnableKey (kms:Enable*)", calls.EnableKey(), "allowed"),
  row("kim", "seed", "TagResource", calls.TagResource(), "allowed"),
  row("kim", "seed", "CreateGrant (kms:Create*)", calls.CreateGrant(["Encrypt"]), "allowed"),
  row("kim", "seed", "ListGrants (kms:List*)", calls.ListGrants(), "allowed"),
  row("kim", "seed", "ScheduleKeyDeletion (administrators may not delete)", calls.ScheduleKeyDeletion(), "identity"),
  row("kim", "seed", "Encrypt (not a key user)", calls.Encrypt(), "identity"),
  row("una", "seed", "Encrypt", calls.Encrypt(), "allowed"),
  row("una", "seed", "Decrypt", calls.Decrypt("plain"), "allowed"),
  row("una", "seed", "ReEncrypt to the same key (kms:ReEncrypt*)", calls.ReEncrypt("seed"), "allowed"),
  row("una", "seed", "ReEncrypt to a key she is not named in", calls.ReEncrypt("dflt"), "identity", {
    action: "kms:ReEncryptTo",
    on: "dflt",
  }),
  row("una", "seed", "GenerateDataKey (kms:GenerateDataKey*)", calls.GenerateDataKey(), "allowed"),
  row("una", "seed", "GenerateDataKeyWithoutPlaintext", calls.GenerateDataKeyWithoutPlaintext(), "allowed"),
  row("una", "seed", "DescribeKey", calls.DescribeKey(), "allowed"),
  row("una", "seed", "GetKeyPolicy (the account statement; viewers may read)", calls.GetKeyPolicy(), "allowed"),
  row("una", "seed", "EnableKey", calls.EnableKey(), "identity"),
  row("una", "seed", "CreateGrant (only for AWS resources)", calls.CreateGrant(["Decrypt"]), "identity"),
  row("vera", "seed", "Encrypt", calls.Encrypt(), "identity"),
  row("vera", "seed", "ReEncrypt", calls.ReEncrypt("seed"), "identity", { action: "kms:ReEncryptFrom" }),
  row("otto", "seed", "Encrypt (account statement + operator)", calls.Encrypt(), "allowed"),

  // Another account's root: no user of this account is it.
  row("adam", "foreign", "DescribeKey", calls.DescribeKey(), "resource"),
  row("adam", "foreign", "Encrypt", calls.Encrypt(), "resource"),

  // No account statement: an administrator is shut out; a viewer named in it is not; grants count.
  row("adam", "own", "Encrypt", calls.Encrypt(), "resource"),
  row("adam", "own", "DescribeKey", calls.DescribeKey(), "resource"),
  row("una", "own", "Encrypt", calls.Encrypt(), "allowed"),
  row("una", "own", "Decrypt", calls.Decrypt("plain"), "allowed"),
  row("una", "own", "GenerateDataKey", calls.GenerateDataKey(), "resource"),
  row("vera", "own", "GetKeyPolicy (* with kms:CallerAccount = this account)", calls.GetKeyPolicy(), "allowed"),
  row("vera", "own", "ListResourceTags (* with kms:CallerAccount = another)", calls.ListResourceTags(), "resource"),
  row("gus", "own", "Encrypt with the grant's context", calls.Encrypt({ app: "orders", extra: "x" }), "allowed"),
  row("gus", "own", "Encrypt, constraint keys not case sensitive", calls.Encrypt({ APP: "orders" }), "allowed"),
  row("gus", "own", "Encrypt, constraint values case sensitive", calls.Encrypt({ app: "Orders" }), "resource"),
  row("gus", "own", "Encrypt without the grant's context", calls.Encrypt(), "resource"),
  row("gus", "own", "Decrypt with the grant's context", calls.Decrypt("orders", { app: "orders" }), "allowed"),
  row("gus", "own", "GenerateDataKey with the grant's context", calls.GenerateDataKey({ app: "orders" }), "allowed"),
  row("gus", "own", "DescribeKey (not in the grant)", calls.DescribeKey(), "resource"),
  row("vera", "own", "Encrypt", calls.Encrypt(), "resource"),
  // A grant to the account: the role decides (ReEncryptTo, with una allowed the source by the seed policy).
  row("una", "seed", "ReEncrypt to a key granting her account, as a viewer", calls.ReEncrypt("own"), "identity", {
    action: "kms:ReEncryptTo",
    on: "own",
  }),
  row("otto", "dflt", "ReEncrypt to a key granting his account, as an operator", calls.ReEncrypt("own"), "allowed"),

  // Explicit deny wins over the account statement, the role and a grant.
  row("otto", "deny", "Encrypt (denied by name; granted too)", calls.Encrypt(), "explicit"),
  row("adam", "deny", "Encrypt", calls.Encrypt(), "allowed"),
  row("adam", "deny", "Decrypt with dept=it", calls.Decrypt("it", { dept: "it" }), "allowed"),
  row("adam", "deny", "Decrypt without dept (StringNotEquals holds when the key is missing)", calls.Decrypt("plain"), "explicit"),
  row("adam", "deny", "ScheduleKeyDeletion", calls.ScheduleKeyDeletion(), "explicit"),
  row("vera", "deny", "DescribeKey", calls.DescribeKey(), "allowed"),

  // Conditions.
  row("vera", "cond", "Encrypt with app=orders", calls.Encrypt({ app: "orders" }), "allowed"),
  row("vera", "cond", "Encrypt with APP=orders (context key not case sensitive)", calls.Encrypt({ APP: "orders" }), "allowed"),
  row("vera", "cond", "Encrypt with app=Orders (value case sensitive)", calls.Encrypt({ app: "Orders" }), "resource"),
  row("vera", "cond", "Encrypt without a context", calls.Encrypt(), "resource"),
  row("vera", "cond", "Decrypt with app=orders", calls.Decrypt("orders", { app: "orders" }), "allowed"),
  row("vera", "cond", "GenerateDataKey, all context keys listed", calls.GenerateDataKey({ app: "a", "team-x": "b" }), "allowed"),
  row("vera", "cond", "GenerateDataKey, a key not listed (ForAllValues)", calls.GenerateDataKey({ app: "a", other: "b" }), "resource"),
  row("vera", "cond", "GenerateDataKey without a context (Null false)", calls.GenerateDataKey(), "resource"),
  row(
    "vera",
    "cond",
    "GenerateDataKeyWithoutPlaintext (kms:GenerateDataKey*)",
    calls.GenerateDataKeyWithoutPlaintext({ app: "a" }),
    "allowed",
  ),
  row("una", "cond", "CreateGrant (kms:GrantIsForAWSResource is false)", calls.CreateGrant(["Encrypt"]), "resource"),
  row("kim", "cond", "CreateGrant for Encrypt (kms:GrantOperations)", calls.CreateGrant(["Encrypt"]), "allowed"),
  row("kim", "cond", "CreateGrant for Encrypt and CreateGrant", calls.CreateGrant(["Encrypt", "CreateGrant"]), "resource"),
  row("vera", "cond", "DescribeKey (kms:ViaService: no AWS service calls here)", calls.DescribeKey(), "resource"),
  row("vera", "cond", "ListGrants", calls.ListGrants(), "allowed"),
  row("vera", "cond", "ListResourceTags (aws:PrincipalArn like user/v*)", calls.ListResourceTags(), "allowed"),
  row("otto", "cond", "ListResourceTags (aws:PrincipalArn not like user/v*)", calls.ListResourceTags(), "resource"),
];

function denialMessage(r: Row): string {
  const action = r.action ?? `kms:${r.does.split(/[ ,]/)[0]}`;
  const resource = keys[r.on ?? r.key].arn;
  const why =
    r.expect === "explicit"
      ? "with an explicit deny in a resource-based policy"
      : `because no ${r.expect === "identity" ? "identity" : "resource"}-based policy allows the ${action} action`;
  return `User: ${arnOf(r.who)} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

describe("key policy × principal × action × condition × grant", () => {
  it.each(ROWS.map((r) => [`${r.who} (${ROLES[r.who]}) ${r.does} on ${r.key} → ${r.expect}`, r] as const))("%s", async (_, r) => {
    const outcome = await failure(r.call(users[r.who].kms, keys[r.key]));
    if (r.expect === "allowed") expect(outcome).toBeUndefined();
    else expect(outcome).toEqual({ name: "AccessDeniedException", message: denialMessage(r), status: 400 });
  });
});

describe("PutKeyPolicy's lockout safety check, with the caller's role", () => {
  it("a key administrator named in the policy may replace it only with one that still lets them", async () => {
    const { KeyMetadata } = await service.kms.send(new CreateKeyCommand({ Policy: POLICIES.seed }));
    const keyId = KeyMetadata!.KeyId!;
    const kim = users.kim.kms;
    await kim.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: POLICIES.seed! }));
    // Only the account statement: kim is a viewer, whose role may not PutKeyPolicy.
    const rootOnly = policy(allow(ROOT, "kms:*"));
    expect(await failure(kim.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: rootOnly })))).toEqual({
      name: "MalformedPolicyDocumentException",
      message: "The new key policy will not allow you to update the key policy in the future.",
      status: 400,
    });
    // A Deny of PutKeyPolicy for kim is a lockout too, whatever else allows it.
    const denied = policy(allow(arnOf("kim"), "kms:*"), deny(arnOf("kim"), "kms:PutKeyPolicy"));
    expect((await failure(kim.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: denied }))))?.name).toBe(
      "MalformedPolicyDocumentException",
    );
    // An administrator's role may, through the account statement.
    await users.adam.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: rootOnly }));
    // kim asked to be locked out and was; now the role decides, and a viewer may not.
    await users.adam.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: POLICIES.seed! }));
    await kim.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: rootOnly, BypassPolicyLockoutSafetyCheck: true }));
    expect(await failure(kim.send(new PutKeyPolicyCommand({ KeyId: keyId, Policy: POLICIES.seed! })))).toEqual({
      name: "AccessDeniedException",
      message: `User: ${arnOf("kim")} is not authorized to perform: kms:PutKeyPolicy on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:PutKeyPolicy action`,
      status: 400,
    });
  });

  it("CreateKey with a policy that would lock its creator out is refused unless the check is bypassed", async () => {
    const usersOnly = policy(allow(arnOf("una"), "kms:Encrypt"));
    expect((await failure(users.otto.kms.send(new CreateKeyCommand({ Policy: usersOnly }))))?.name).toBe(
      "MalformedPolicyDocumentException",
    );
    await users.otto.kms.send(new CreateKeyCommand({ Policy: usersOnly, BypassPolicyLockoutSafetyCheck: true }));
    // CreateKey is not about one key: the role decides it (a viewer may not create keys).
    expect(await failure(users.una.kms.send(new CreateKeyCommand({})))).toEqual({
      name: "AccessDeniedException",
      message: `User: ${arnOf("una")} is not authorized to perform: kms:CreateKey because no identity-based policy allows the kms:CreateKey action`,
      status: 400,
    });
  });
});
