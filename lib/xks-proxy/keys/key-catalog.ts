import "server-only";
import pkcs11js from "pkcs11js";
import { generateAesKey } from "@/lib/server/hsm/keys.ts";
import { pkcs11 } from "@/lib/server/hsm/module.ts";
import { tokenState, withTokenSession } from "@/lib/server/hsm/session-pool.ts";
import { readDisabledKeys, writeDisabledKeys } from "../config/key-states.ts";
import { XksError } from "../errors.ts";
import { HEALTH_KEY_ID } from "./proxy-token.ts";

// The proxy's external keys: token objects labelled with their externalKeyId. keySpec and keyUsage come
// from the token's attributes (CKA_KEY_TYPE, CKA_VALUE_LEN, CKA_ENCRYPT, CKA_DECRYPT, …), read once per
// key and remembered; keyStatus from key-states.json. Lookups never search the token (the session pool's
// label → handle index, loaded at login).

export type KeyUsageName = "ENCRYPT" | "DECRYPT" | "SIGN" | "VERIFY" | "WRAP" | "UNWRAP";
export type KeyInfo = { keyId: string; keySpec: string; keyUsage: KeyUsageName[]; keyStatus: "ENABLED" | "DISABLED" };
export type UsageChoice = "ENCRYPT_DECRYPT" | "ENCRYPT" | "DECRYPT";

const KEY_ID = /^[a-zA-Z0-9._-]{1,128}$/;

const KEY_TYPES: Record<number, string> = {
  [pkcs11js.CKK_AES]: "AES",
  [pkcs11js.CKK_GENERIC_SECRET]: "GENERIC_SECRET",
  [pkcs11js.CKK_DES3]: "DES3",
};

const USAGE_ATTRIBUTES: Array<[KeyUsageName, number]> = [
  ["ENCRYPT", pkcs11js.CKA_ENCRYPT],
  ["DECRYPT", pkcs11js.CKA_DECRYPT],
  ["SIGN", pkcs11js.CKA_SIGN],
  ["VERIFY", pkcs11js.CKA_VERIFY],
  ["WRAP", pkcs11js.CKA_WRAP],
  ["UNWRAP", pkcs11js.CKA_UNWRAP],
];

function ulong(value: Buffer | undefined): number {
  if (!value || value.length === 0) return 0;
  return value.length >= 4 ? value.readUInt32LE(0) : value[0]!;
}

export class KeyCatalog {
  private readonly attributes = new Map<string, { keySpec: string; keyUsage: KeyUsageName[] }>();
  private disabled: Set<string>;

  constructor(
    readonly token: string,
    private readonly keyStatesFile: string,
  ) {
    this.disabled = readDisabledKeys(keyStatesFile);
  }

  has(keyId: string): boolean {
    return keyId !== HEALTH_KEY_ID && tokenState(this.token).keys.has(keyId);
  }

  isDisabled(keyId: string): boolean {
    return this.disabled.has(keyId);
  }

  /** keySpec and keyUsage from the token (first call per key), or KeyNotFoundException. */
  async info(keyId: string): Promise<KeyInfo> {
    if (!this.has(keyId)) throw new XksError("KeyNotFoundException", "The external key was not found.");
    let attrs = this.attributes.get(keyId);
    if (!attrs) {
      attrs = await this.readAttributes(keyId);
      this.attributes.set(keyId, attrs);
    }
    return { keyId, ...attrs, keyStatus: this.disabled.has(keyId) ? "DISABLED" : "ENABLED" };
  }

  private readAttributes(keyId: string): Promise<{ keySpec: string; keyUsage: KeyUsageName[] }> {
    return withTokenSession(this.token, (session, state) => {
      const handle = state.keys.get(keyId)!;
      const template = [
        { type: pkcs11js.CKA_KEY_TYPE },
        { type: pkcs11js.CKA_VALUE_LEN },
        ...USAGE_ATTRIBUTES.map(([, type]) => ({ type })),
      ];
      const values = pkcs11().C_GetAttributeValue(session, handle, template);
      const type = ulong(values[0]?.value);
      const bits = ulong(values[1]?.value) * 8;
      const keyUsage = USAGE_ATTRIBUTES.filter((_, i) => (values[i + 2]?.value?.[0] ?? 0) !== 0).map(([name]) => name);
      return { keySpec: `${KEY_TYPES[type] ?? `CKK_0x${type.toString(16)}`}_${bits}`, keyUsage };
    });
  }

  async list(): Promise<KeyInfo[]> {
    const ids = [...tokenState(this.token).keys.keys()].filter((id) => id !== HEALTH_KEY_ID && KEY_ID.test(id)).sort();
    return Promise.all(ids.map((id) => this.info(id)));
  }

  /** Creates an AES-256 key, non-extractable and sensitive, with the chosen usage. */
  async create(keyId: string, usage: UsageChoice = "ENCRYPT_DECRYPT"): Promise<KeyInfo> {
    if (!KEY_ID.test(keyId) || keyId === HEALTH_KEY_ID) {
      throw new XksError("ValidationException", "A key id is 1-128 characters of A-Z a-z 0-9 - . _ (and not the health-check key's).");
    }
    if (tokenState(this.token).keys.has(keyId)) throw new XksError("ValidationException", `Key ${keyId} exists already.`);
    await generateAesKey(this.token, keyId, { usage: { encrypt: usage !== "DECRYPT", decrypt: usage !== "ENCRYPT" } });
    this.attributes.delete(keyId);
    return this.info(keyId);
  }

  async setStatus(keyId: string, status: "ENABLED" | "DISABLED"): Promise<KeyInfo> {
    if (!this.has(keyId)) throw new XksError("KeyNotFoundException", "The external key was not found.");
    const next = new Set(this.disabled);
    if (status === "DISABLED") next.add(keyId);
    else next.delete(keyId);
    writeDisabledKeys(this.keyStatesFile, next);
    this.disabled = next;
    return this.info(keyId);
  }
}
