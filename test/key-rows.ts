// A KmsKey row as CreateKey would write it for an AWS_KMS key, for tests that put keys in the table
// without the service (seeds, or the row writer itself). The row has no key material anywhere.
import crypto from "node:crypto";
import type { NewKeyRow } from "@/lib/server/kms-service/keys/insert-key-row.ts";

export function keyRowFields(overrides: Partial<NewKeyRow> = {}): NewKeyRow {
  const id = overrides.id ?? crypto.randomUUID();
  const arn = `arn:aws:kms:us-east-1:111122223333:key/${id}`;
  return {
    id,
    arn,
    description: "",
    keyUsage: "ENCRYPT_DECRYPT",
    keySpec: "SYMMETRIC_DEFAULT",
    origin: "AWS_KMS",
    state: "Enabled",
    customKeyStoreId: null,
    cloudHsmClusterId: null,
    keyMaterialLabel: arn,
    keyMaterialId: crypto.randomBytes(32).toString("hex"),
    xksKeyId: null,
    policy: '{"Version":"2012-10-17","Statement":[]}',
    createdByArn: "arn:aws:iam::111122223333:user/seed",
    ...overrides,
  };
}
