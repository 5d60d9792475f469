import "server-only";
import { accountOfArn } from "./key-arn.ts";
import { clusterOfKey, type KeyRecord } from "./key-record.ts";
import type { KeyState } from "@/lib/schemas/keys.ts";
import { keyState } from "./key-state.ts";

// KeyMetadata (spec §3) as CreateKey and DescribeKey return it, with the field-presence rules of §3.1:
// Enabled iff KeyState is Enabled; DeletionDate only when PendingDeletion; CustomKeyStoreId only for
// keys in a custom key store and CloudHsmClusterId only in a CloudHSM key store; no multi-Region,
// expiration, signing or MAC members for the symmetric keys this service makes.

export type KeyMetadata = {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate: Date;
  Enabled: boolean;
  Description: string;
  KeyUsage: string;
  KeyState: KeyState;
  DeletionDate?: Date;
  Origin: string;
  CustomKeyStoreId?: string;
  CloudHsmClusterId?: string;
  KeyManager: "CUSTOMER";
  CustomerMasterKeySpec: string;
  KeySpec: string;
  EncryptionAlgorithms: string[];
  MultiRegion: boolean;
  CurrentKeyMaterialId?: string;
  XksKeyConfiguration?: { Id: string };
};

export function keyMetadata(key: KeyRecord): KeyMetadata {
  const state = keyState(key);
  return {
    AWSAccountId: accountOfArn(key.arn),
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: key.createdAt,
    Enabled: state === "Enabled",
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: state,
    DeletionDate: state === "PendingDeletion" && key.deletionDate ? key.deletionDate : undefined,
    Origin: key.origin,
    CustomKeyStoreId: key.customKeyStoreId ?? undefined,
    CloudHsmClusterId: clusterOfKey(key) ?? undefined,
    KeyManager: "CUSTOMER",
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
    MultiRegion: false,
    CurrentKeyMaterialId: key.keyMaterialId ?? undefined,
    // Only for a KMS key in an external key store (§3.1).
    XksKeyConfiguration: key.xksKeyId ? { Id: key.xksKeyId } : undefined,
  };
}
