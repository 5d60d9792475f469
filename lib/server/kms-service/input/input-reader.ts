import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { OperationInput } from "@/lib/server/kms-service/wire/operation-types.ts";
import { blobFromWire } from "@/lib/server/kms-service/wire/wire-values.ts";

// Reads an operation's request members against the model's constraints (botocore shapes: min/max,
// pattern, enum, required) and reports violations the way the service does (spec §1.3): one
// ValidationException, "N validation error(s) detected: Value '…' at 'memberName' failed to satisfy
// constraint: …", members in lower camel case, all violations joined with "; ". A member of the wrong
// JSON type is a SerializationException, as the service's deserializer reports it.

export type StringRule = {
  required?: boolean;
  min?: number;
  max?: number;
  /** The model's pattern (anchored here); shown in the message as written. */
  pattern?: string;
  enum?: readonly string[];
  /** Sensitive members never echo their value. */
  sensitive?: boolean;
};

export type IntegerRule = { required?: boolean; min?: number; max?: number };

export type BlobRule = { required?: boolean; min?: number; max?: number };

export type ListRule = { required?: boolean; min?: number; max?: number };

/** A rule whose member must be present: its read is typed as present (see InputReader). */
type Required = { required: true };

const compiled = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern.replace(/^\^/, "").replace(/\$$/, "");
    re = new RegExp(`^(?:${body})$`, "u");
    compiled.set(pattern, re);
  }
  return re;
}

/** "KeyId" → "keyId"; nested paths are built by the caller ("tags.1.member.tagKey"). */
export function wireMemberName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function typeError(member: string, expected: string): KmsError {
  return new KmsError("SerializationException", `Member '${member}' must be ${expected}.`);
}

/**
 * Reads members one by one, collecting every violation; finish() throws them all at once. A member
 * read with `required: true` is typed as present: when it is missing or invalid the read records the
 * violation and finish() throws before the value can be used, so handlers read every member, call
 * finish(), and only then use the values (every operation in operations/ does exactly that).
 */
export class InputReader {
  private readonly errors: string[] = [];

  constructor(private readonly input: OperationInput) {}

  /** Records a violation for `path` (already in wire form, e.g. "tags.1.member.tagKey"). */
  violation(path: string, value: string | null | undefined, constraint: string): void {
    const shown = value === null ? "Value null" : value === undefined ? "Value" : `Value '${value}'`;
    this.errors.push(`${shown} at '${path}' failed to satisfy constraint: ${constraint}`);
  }

  private present(member: string, required: boolean | undefined): boolean {
    const value = this.input[member];
    if (value === undefined || value === null) {
      if (required) this.violation(wireMemberName(member), null, "Member must not be null");
      return false;
    }
    return true;
  }

  /** Checks a string against a rule; used for members and for nested values. */
  checkString(path: string, value: string, rule: StringRule): boolean {
    const before = this.errors.length;
    const shown = rule.sensitive ? undefined : value;
    // Lengths count UTF-16 code units, as the service (Java) does.
    if (rule.min !== undefined && value.length < rule.min) {
      this.violation(path, shown, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.violation(path, shown, `Member must have length less than or equal to ${rule.max}`);
    }
    if (rule.pattern !== undefined && value.length > 0 && !regex(rule.pattern).test(value)) {
      this.violation(path, shown, `Member must satisfy regular expression pattern: ${rule.pattern}`);
    }
    if (rule.enum && !rule.enum.includes(value)) {
      this.violation(path, shown, `Member must satisfy enum value set: [${rule.enum.join(", ")}]`);
    }
    return this.errors.length === before;
  }

  string(member: string, rule: StringRule & Required): string;
  string(member: string, rule?: StringRule): string | undefined;
  string(member: string, rule: StringRule = {}): string | undefined {
    if (!this.present(member, rule.required)) return undefined;
    const value = this.input[member];
    if (typeof value !== "string") throw typeError(member, "a string");
    return this.checkString(wireMemberName(member), value, rule) ? value : undefined;
  }

  integer(member: string, rule: IntegerRule & Required): number;
  integer(member: string, rule?: IntegerRule): number | undefined;
  integer(member: string, rule: IntegerRule = {}): number | undefined {
    if (!this.present(member, rule.required)) return undefined;
    const value = this.input[member];
    if (typeof value !== "number" || !Number.isInteger(value)) throw typeError(member, "an integer");
    const path = wireMemberName(member);
    const before = this.errors.length;
    if (rule.min !== undefined && value < rule.min) {
      this.violation(path, String(value), `Member must have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      this.violation(path, String(value), `Member must have value less than or equal to ${rule.max}`);
    }
    return this.errors.length === before ? value : undefined;
  }

  boolean(member: string): boolean | undefined {
    if (!this.present(member, false)) return undefined;
    const value = this.input[member];
    if (typeof value !== "boolean") throw typeError(member, "a boolean");
    return value;
  }

  /** A base64 blob member → bytes; lengths apply to the decoded bytes and never echo the value. */
  blob(member: string, rule: BlobRule & Required): Buffer;
  blob(member: string, rule?: BlobRule): Buffer | undefined;
  blob(member: string, rule: BlobRule = {}): Buffer | undefined {
    if (!this.present(member, rule.required)) return undefined;
    const bytes = blobFromWire(this.input[member], member)!;
    const path = wireMemberName(member);
    const before = this.errors.length;
    if (rule.min !== undefined && bytes.length < rule.min) {
      this.violation(path, undefined, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && bytes.length > rule.max) {
      this.violation(path, undefined, `Member must have length less than or equal to ${rule.max}`);
    }
    return this.errors.length === before ? bytes : undefined;
  }

  /** A list member: its length is checked here, each item by `item` (path "member.N", 1-based). */
  list<T>(member: string, rule: ListRule & Required, item: (value: unknown, path: string) => T | undefined): T[];
  list<T>(member: string, rule: ListRule, item: (value: unknown, path: string) => T | undefined): T[] | undefined;
  list<T>(member: string, rule: ListRule, item: (value: unknown, path: string) => T | undefined): T[] | undefined {
    if (!this.present(member, rule.required)) return undefined;
    const value = this.input[member];
    if (!Array.isArray(value)) throw typeError(member, "a list");
    const path = wireMemberName(member);
    const before = this.errors.length;
    if (rule.min !== undefined && value.length < rule.min) {
      this.violation(path, undefined, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.violation(path, undefined, `Member must have length less than or equal to ${rule.max}`);
    }
    const items = value.map((v, i) => item(v, `${path}.${i + 1}.member`));
    return this.errors.length === before ? (items as T[]) : undefined;
  }

  /** A list of strings, each checked against `itemRule`. */
  stringList(member: string, rule: ListRule & Required, itemRule: StringRule): string[];
  stringList(member: string, rule: ListRule, itemRule: StringRule): string[] | undefined;
  stringList(member: string, rule: ListRule, itemRule: StringRule): string[] | undefined {
    return this.list(member, rule, (value, path) => {
      if (typeof value !== "string") throw typeError(member, "a list of strings");
      return this.checkString(path, value, itemRule) ? value : undefined;
    });
  }

  /** A map of string to string (EncryptionContextType has no further constraints). */
  stringMap(member: string): Record<string, string> | undefined {
    if (!this.present(member, false)) return undefined;
    const value = this.input[member];
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw typeError(member, "a map");
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== "string") throw typeError(member, "a map of strings to strings");
      out[k] = v;
    }
    return out;
  }

  /** The raw value of a structure member (its own reader validates it), or undefined. */
  raw(member: string): unknown {
    return this.input[member] ?? undefined;
  }

  /** Throws the collected ValidationException, if any. Call once, after reading every member. */
  finish(): void {
    if (this.errors.length === 0) return;
    const n = this.errors.length;
    throw new KmsError("ValidationException", `${n} validation error${n === 1 ? "" : "s"} detected: ${this.errors.join("; ")}`);
  }
}

/** A single-violation ValidationException (for rules beyond the model's constraints). */
export function validationError(message: string): KmsError {
  return new KmsError("ValidationException", message);
}
