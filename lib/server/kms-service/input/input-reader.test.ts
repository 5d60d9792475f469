import { describe, expect, it } from "vitest";
import { InputReader } from "./input-reader.ts";
import { KEY_ID, readTags } from "./kms-shapes.ts";

function readAll(input: Record<string, unknown>, read: (r: InputReader) => void): string | undefined {
  const r = new InputReader(input);
  read(r);
  try {
    r.finish();
    return undefined;
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
}

describe("InputReader", () => {
  it("reports violations as KMS does, all of them, members in lower camel case", () => {
    const message = readAll({ NumberOfBytes: 0, KeyUsage: "X" }, (r) => {
      r.string("KeyId", { ...KEY_ID, required: true });
      r.integer("NumberOfBytes", { min: 1, max: 1024 });
      r.string("KeyUsage", { enum: ["A", "B"] });
    });
    expect(message).toBe(
      "ValidationException: 3 validation errors detected: " +
        "Value null at 'keyId' failed to satisfy constraint: Member must not be null; " +
        "Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value 'X' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [A, B]",
    );
  });

  it("checks patterns, blob lengths (without echoing them) and nested tag members", () => {
    expect(readAll({ Name: "a b" }, (r) => r.string("Name", { pattern: "^[a-z]+$" }))).toContain(
      "Member must satisfy regular expression pattern: ^[a-z]+$",
    );
    expect(readAll({ Plaintext: Buffer.alloc(5).toString("base64") }, (r) => r.blob("Plaintext", { max: 4 }))).toBe(
      "ValidationException: 1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4",
    );
    expect(readAll({ Tags: [{ TagKey: "k" }] }, (r) => readTags(r))).toContain("Value null at 'tags.1.member.tagValue'");
    expect(readAll({ Tags: [{ TagKey: "k", TagValue: "" }] }, (r) => readTags(r))).toBeUndefined();
  });

  it("answers a member of the wrong JSON type with SerializationException", () => {
    for (const [input, read] of [
      [{ KeyId: 5 }, (r: InputReader) => r.string("KeyId")],
      [{ Limit: "10" }, (r: InputReader) => r.integer("Limit")],
      [{ Limit: 1.5 }, (r: InputReader) => r.integer("Limit")],
      [{ DryRun: "true" }, (r: InputReader) => r.boolean("DryRun")],
      [{ EncryptionContext: { a: 1 } }, (r: InputReader) => r.stringMap("EncryptionContext")],
      [{ Plaintext: "not base64!" }, (r: InputReader) => r.blob("Plaintext")],
    ] as const) {
      expect(() => read(new InputReader(input))).toThrow(expect.objectContaining({ code: "SerializationException" }));
    }
  });
});
