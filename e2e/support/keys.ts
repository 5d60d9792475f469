// Keys for the key-page specs: an AWS_KMS-origin key needs no custom key store.
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E_ACCOUNT_ID } from "./e2e-env.ts";
import { unique } from "./console.ts";

export const ROOT_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "root", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${E2E_ACCOUNT_ID}:root` }, Action: "kms:*", Resource: "*" }],
});

/** Creates an AWS_KMS-origin key through the console API; returns its ID and alias (alias/…). */
export async function createAwsKmsKey(
  api: APIRequestContext,
  { description = "", tags = [] }: { description?: string; tags?: { tagKey: string; tagValue: string }[] } = {},
): Promise<{ keyId: string; alias: string }> {
  const alias = unique("e2e-edit");
  const r = await api.post("/api/keys", { data: { origin: "AWS_KMS", alias, description, tags, policy: ROOT_POLICY } });
  expect(r.status(), await r.text()).toBe(201);
  return { keyId: ((await r.json()) as { keyId: string }).keyId, alias: `alias/${alias}` };
}
