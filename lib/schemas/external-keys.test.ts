import { describe, expect, it } from "vitest";
import { validate } from "@/lib/console/zod-fields.ts";
import { externalKeyProblems, ZXksKeyId } from "./external-keys.ts";
import { ZCreateKeyRequest, ZKeyLabelsStep, ZKeyXksStep } from "./keys.ts";

const store = "cks-1234567890abcdefg";

describe("external key fields", () => {
  it("XksKeyId follows the model: ^[a-zA-Z0-9-_.]+$, 1–128", () => {
    expect(ZXksKeyId.safeParse("orders-key_v1.2").success).toBe(true);
    expect(ZXksKeyId.safeParse("x".repeat(128)).success).toBe(true);
    expect(ZXksKeyId.safeParse("x".repeat(129)).success).toBe(false);
    expect(ZXksKeyId.safeParse("").success).toBe(false);
    expect(ZXksKeyId.safeParse("has space").success).toBe(false);
    expect(ZXksKeyId.safeParse("slash/key").success).toBe(false);
  });

  it("the wizard's external key step needs a store, an id and the confirmation", () => {
    expect(validate(ZKeyXksStep, { customKeyStoreId: "", xksKeyId: "", xksConfirmed: false }).errors).toEqual({
      customKeyStoreId: "Choose a connected custom key store.",
      xksKeyId: "Enter the external key ID.",
      xksConfirmed: "Confirm that you mean to create a key in an external key store.",
    });
    expect(validate(ZKeyXksStep, { customKeyStoreId: store, xksKeyId: "k1", xksConfirmed: true }).errors).toBeUndefined();
  });

  it("CreateKey with EXTERNAL_KEY_STORE needs the store and a valid external key id", () => {
    const base = {
      origin: "EXTERNAL_KEY_STORE",
      alias: "a",
      description: "",
      tags: [],
      policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*"}]}',
    };
    expect(validate(ZCreateKeyRequest, { ...base, customKeyStoreId: store, xksKeyId: "bad id" }).errors).toEqual({
      xksKeyId: "Use letters, digits, dashes (-), underscores (_) and dots (.) only.",
    });
    expect(validate(ZCreateKeyRequest, { ...base, xksKeyId: "k1" }).errors).toEqual({
      customKeyStoreId: "Choose a connected custom key store.",
    });
    expect(validate(ZCreateKeyRequest, { ...base, customKeyStoreId: store, xksKeyId: "k1" }).errors).toBeUndefined();
  });

  it("names what keeps KMS from using an external key", () => {
    expect(externalKeyProblems({ keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" })).toEqual([]);
    expect(externalKeyProblems({ keySpec: "AES_128", keyUsage: ["ENCRYPT"], keyStatus: "DISABLED" })).toHaveLength(3);
  });
});

describe("duplicate tag keys", () => {
  it("mark every row with the repeated key, and say why on the list", () => {
    const tags = [
      { tagKey: "team", tagValue: "a" },
      { tagKey: "env", tagValue: "" },
      { tagKey: "team", tagValue: "b" },
    ];
    expect(validate(ZKeyLabelsStep, { alias: "a", description: "", tags }).errors).toEqual({
      "tags.0.tagKey": 'The tag key "team" is used more than once.',
      "tags.2.tagKey": 'The tag key "team" is used more than once.',
      tags: "Each tag key can be used once.",
    });
  });
});
