import "server-only";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";
import { AppError, isAppError } from "@/lib/server/platform/errors.ts";

// Every PKCS#11 return value (v2.40 + v3.0/3.1 additions) mapped to the KMS error a caller sees, the
// custom-key-store ConnectionErrorCode when the failure is a connection problem, and a message safe to
// show. pkcs11js throws Pkcs11Error with the numeric rv in `.code` (unknown values are *named*
// CKR_VENDOR_DEFINED but keep their number, e.g. 0x1B CKR_ACTION_PROHIBITED).
//
// Context matters and is applied at the call site, not here: a failed AES-GCM tag check makes SoftHSM's
// C_Decrypt return CKR_GENERAL_ERROR, so aes-gcm.ts maps C_Decrypt failures to InvalidCiphertextException.

export type KmsErrorName =
  | "KMSInternalException"
  | "KMSInvalidStateException"
  | "InvalidCiphertextException"
  | "InvalidKeyUsageException"
  | "IncorrectKeyMaterialException"
  | "CustomKeyStoreInvalidStateException"
  | "UnsupportedOperationException"
  | "LimitExceededException"
  | "DependencyTimeoutException";

export type CkrMapping = {
  name: string;
  kmsError: KmsErrorName;
  connectionErrorCode?: ConnectionErrorCode;
  safeMessage: string;
};

const M = {
  internal: "The HSM reported an internal error.",
  rejected: "The HSM rejected the request because of an internal error.",
  unavailable: "The HSM is not available.",
  unreachable: "KMS cannot communicate with the HSM.",
  keyMissing: "The key material is not available in the HSM.",
  ciphertext: "The ciphertext is not valid.",
  usage: "The key cannot be used for this operation.",
  export: "The key material cannot be exported.",
  credentials: "The kmsuser password is not valid.",
  locked: "The kmsuser is locked out.",
  noUser: "The kmsuser does not exist in the HSM.",
  loggedIn: "The kmsuser is already logged in.",
  notLoggedIn: "KMS is not logged in to the HSM.",
  sessions: "No PKCS#11 sessions are available; back off and retry.",
  busy: "The HSM is busy; retry.",
  full: "The HSM has no room for more keys.",
  readOnly: "The HSM is read-only.",
};

type Row = [code: number, name: string, kmsError: KmsErrorName, conn: ConnectionErrorCode | undefined, safe: string];

const I = "KMSInternalException" as const;
const S = "KMSInvalidStateException" as const;
const C = "CustomKeyStoreInvalidStateException" as const;

// prettier-ignore
const ROWS: Row[] = [
  [0x000, "CKR_OK",                               I, undefined,                    M.internal],
  [0x001, "CKR_CANCEL",                           "DependencyTimeoutException", undefined, M.busy],
  [0x002, "CKR_HOST_MEMORY",                      I, "INTERNAL_ERROR",             M.internal],
  [0x003, "CKR_SLOT_ID_INVALID",                  S, "INSUFFICIENT_CLOUDHSM_HSMS", M.unavailable],
  [0x005, "CKR_GENERAL_ERROR",                    I, "INTERNAL_ERROR",             M.internal],
  [0x006, "CKR_FUNCTION_FAILED",                  I, "INTERNAL_ERROR",             M.internal],
  [0x007, "CKR_ARGUMENTS_BAD",                    I, undefined,                    M.rejected],
  [0x008, "CKR_NO_EVENT",                         I, undefined,                    M.rejected],
  [0x009, "CKR_NEED_TO_CREATE_THREADS",           I, "INTERNAL_ERROR",             M.rejected],
  [0x00a, "CKR_CANT_LOCK",                        I, "INTERNAL_ERROR",             M.rejected],
  [0x010, "CKR_ATTRIBUTE_READ_ONLY",              I, undefined,                    M.rejected],
  [0x011, "CKR_ATTRIBUTE_SENSITIVE",              "UnsupportedOperationException", undefined, M.export],
  [0x012, "CKR_ATTRIBUTE_TYPE_INVALID",           I, undefined,                    M.rejected],
  [0x013, "CKR_ATTRIBUTE_VALUE_INVALID",          I, undefined,                    M.rejected],
  [0x01b, "CKR_ACTION_PROHIBITED",                "UnsupportedOperationException", undefined, M.usage],
  [0x020, "CKR_DATA_INVALID",                     I, undefined,                    M.rejected],
  [0x021, "CKR_DATA_LEN_RANGE",                   I, undefined,                    M.rejected],
  [0x030, "CKR_DEVICE_ERROR",                     S, "NETWORK_ERRORS",             M.unreachable],
  [0x031, "CKR_DEVICE_MEMORY",                    "LimitExceededException", undefined, M.full],
  [0x032, "CKR_DEVICE_REMOVED",                   S, "INSUFFICIENT_CLOUDHSM_HSMS", M.unavailable],
  [0x040, "CKR_ENCRYPTED_DATA_INVALID",           "InvalidCiphertextException", undefined, M.ciphertext],
  [0x041, "CKR_ENCRYPTED_DATA_LEN_RANGE",         "InvalidCiphertextException", undefined, M.ciphertext],
  [0x042, "CKR_AEAD_DECRYPT_FAILED",              "InvalidCiphertextException", undefined, M.ciphertext],
  [0x050, "CKR_FUNCTION_CANCELED",                "DependencyTimeoutException", undefined, M.busy],
  [0x051, "CKR_FUNCTION_NOT_PARALLEL",            I, undefined,                    M.rejected],
  [0x054, "CKR_FUNCTION_NOT_SUPPORTED",           I, "INTERNAL_ERROR",             M.rejected],
  [0x060, "CKR_KEY_HANDLE_INVALID",               S, undefined,                    M.keyMissing],
  [0x062, "CKR_KEY_SIZE_RANGE",                   I, undefined,                    M.rejected],
  [0x063, "CKR_KEY_TYPE_INCONSISTENT",            "InvalidKeyUsageException", undefined, M.usage],
  [0x064, "CKR_KEY_NOT_NEEDED",                   I, undefined,                    M.rejected],
  [0x065, "CKR_KEY_CHANGED",                      S, undefined,                    M.keyMissing],
  [0x066, "CKR_KEY_NEEDED",                       I, undefined,                    M.rejected],
  [0x067, "CKR_KEY_INDIGESTIBLE",                 I, undefined,                    M.rejected],
  [0x068, "CKR_KEY_FUNCTION_NOT_PERMITTED",       "InvalidKeyUsageException", undefined, M.usage],
  [0x069, "CKR_KEY_NOT_WRAPPABLE",                "UnsupportedOperationException", undefined, M.export],
  [0x06a, "CKR_KEY_UNEXTRACTABLE",                "UnsupportedOperationException", undefined, M.export],
  [0x070, "CKR_MECHANISM_INVALID",                I, "INTERNAL_ERROR",             M.rejected],
  [0x071, "CKR_MECHANISM_PARAM_INVALID",          I, undefined,                    M.rejected],
  [0x082, "CKR_OBJECT_HANDLE_INVALID",            S, undefined,                    M.keyMissing],
  [0x090, "CKR_OPERATION_ACTIVE",                 I, undefined,                    M.busy],
  [0x091, "CKR_OPERATION_NOT_INITIALIZED",        I, undefined,                    M.rejected],
  [0x0a0, "CKR_PIN_INCORRECT",                    C, "INVALID_CREDENTIALS",        M.credentials],
  [0x0a1, "CKR_PIN_INVALID",                      C, "INVALID_CREDENTIALS",        M.credentials],
  [0x0a2, "CKR_PIN_LEN_RANGE",                    C, "INVALID_CREDENTIALS",        M.credentials],
  [0x0a3, "CKR_PIN_EXPIRED",                      C, "USER_LOCKED_OUT",            M.locked],
  [0x0a4, "CKR_PIN_LOCKED",                       C, "USER_LOCKED_OUT",            M.locked],
  [0x0b0, "CKR_SESSION_CLOSED",                   I, undefined,                    M.busy],
  [0x0b1, "CKR_SESSION_COUNT",                    I, undefined,                    M.sessions],
  [0x0b3, "CKR_SESSION_HANDLE_INVALID",           I, undefined,                    M.busy],
  [0x0b4, "CKR_SESSION_PARALLEL_NOT_SUPPORTED",   I, "INTERNAL_ERROR",             M.rejected],
  [0x0b5, "CKR_SESSION_READ_ONLY",                I, undefined,                    M.rejected],
  [0x0b6, "CKR_SESSION_EXISTS",                   C, "USER_LOGGED_IN",             M.loggedIn],
  [0x0b7, "CKR_SESSION_READ_ONLY_EXISTS",         C, "USER_LOGGED_IN",             M.loggedIn],
  [0x0b8, "CKR_SESSION_READ_WRITE_SO_EXISTS",     C, "USER_LOGGED_IN",             M.loggedIn],
  [0x0c0, "CKR_SIGNATURE_INVALID",                I, undefined,                    M.rejected],
  [0x0c1, "CKR_SIGNATURE_LEN_RANGE",              I, undefined,                    M.rejected],
  [0x0d0, "CKR_TEMPLATE_INCOMPLETE",              I, undefined,                    M.rejected],
  [0x0d1, "CKR_TEMPLATE_INCONSISTENT",            I, undefined,                    M.rejected],
  [0x0e0, "CKR_TOKEN_NOT_PRESENT",                S, "INSUFFICIENT_CLOUDHSM_HSMS", M.unavailable],
  [0x0e1, "CKR_TOKEN_NOT_RECOGNIZED",             S, "INSUFFICIENT_CLOUDHSM_HSMS", M.unavailable],
  [0x0e2, "CKR_TOKEN_WRITE_PROTECTED",            S, "INTERNAL_ERROR",             M.readOnly],
  [0x0f0, "CKR_UNWRAPPING_KEY_HANDLE_INVALID",    S, undefined,                    M.keyMissing],
  [0x0f1, "CKR_UNWRAPPING_KEY_SIZE_RANGE",        I, undefined,                    M.rejected],
  [0x0f2, "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT", I, undefined,                    M.rejected],
  [0x100, "CKR_USER_ALREADY_LOGGED_IN",           C, "USER_LOGGED_IN",             M.loggedIn],
  [0x101, "CKR_USER_NOT_LOGGED_IN",               S, undefined,                    M.notLoggedIn],
  [0x102, "CKR_USER_PIN_NOT_INITIALIZED",         C, "USER_NOT_FOUND",             M.noUser],
  [0x103, "CKR_USER_TYPE_INVALID",                I, undefined,                    M.rejected],
  [0x104, "CKR_USER_ANOTHER_ALREADY_LOGGED_IN",   C, "USER_LOGGED_IN",             M.loggedIn],
  [0x105, "CKR_USER_TOO_MANY_TYPES",              C, "USER_LOGGED_IN",             M.loggedIn],
  [0x110, "CKR_WRAPPED_KEY_INVALID",              "IncorrectKeyMaterialException", undefined, M.keyMissing],
  [0x112, "CKR_WRAPPED_KEY_LEN_RANGE",            "IncorrectKeyMaterialException", undefined, M.keyMissing],
  [0x113, "CKR_WRAPPING_KEY_HANDLE_INVALID",      S, undefined,                    M.keyMissing],
  [0x114, "CKR_WRAPPING_KEY_SIZE_RANGE",          I, undefined,                    M.rejected],
  [0x115, "CKR_WRAPPING_KEY_TYPE_INCONSISTENT",   I, undefined,                    M.rejected],
  [0x120, "CKR_RANDOM_SEED_NOT_SUPPORTED",        I, undefined,                    M.rejected],
  [0x121, "CKR_RANDOM_NO_RNG",                    I, "INTERNAL_ERROR",             M.internal],
  [0x130, "CKR_DOMAIN_PARAMS_INVALID",            I, undefined,                    M.rejected],
  [0x140, "CKR_CURVE_NOT_SUPPORTED",              I, undefined,                    M.rejected],
  [0x150, "CKR_BUFFER_TOO_SMALL",                 I, undefined,                    M.rejected],
  [0x160, "CKR_SAVED_STATE_INVALID",              I, undefined,                    M.rejected],
  [0x170, "CKR_INFORMATION_SENSITIVE",            "UnsupportedOperationException", undefined, M.export],
  [0x180, "CKR_STATE_UNSAVEABLE",                 I, undefined,                    M.rejected],
  [0x190, "CKR_CRYPTOKI_NOT_INITIALIZED",         I, "INTERNAL_ERROR",             M.internal],
  [0x191, "CKR_CRYPTOKI_ALREADY_INITIALIZED",     I, "INTERNAL_ERROR",             M.internal],
  [0x1a0, "CKR_MUTEX_BAD",                        I, "INTERNAL_ERROR",             M.internal],
  [0x1a1, "CKR_MUTEX_NOT_LOCKED",                 I, "INTERNAL_ERROR",             M.internal],
  [0x1b0, "CKR_NEW_PIN_MODE",                     C, "INVALID_CREDENTIALS",        M.credentials],
  [0x1b1, "CKR_NEXT_OTP",                         C, "INVALID_CREDENTIALS",        M.credentials],
  [0x1b5, "CKR_EXCEEDED_MAX_ITERATIONS",          I, undefined,                    M.rejected],
  [0x1b6, "CKR_FIPS_SELF_TEST_FAILED",            S, "INTERNAL_ERROR",             M.unavailable],
  [0x1b7, "CKR_LIBRARY_LOAD_FAILED",              I, "INTERNAL_ERROR",             M.unavailable],
  [0x1b8, "CKR_PIN_TOO_WEAK",                     C, "INVALID_CREDENTIALS",        M.credentials],
  [0x1b9, "CKR_PUBLIC_KEY_INVALID",               I, undefined,                    M.rejected],
  [0x200, "CKR_FUNCTION_REJECTED",                I, undefined,                    M.rejected],
  [0x201, "CKR_TOKEN_RESOURCE_EXCEEDED",          "LimitExceededException", undefined, M.full],
  [0x202, "CKR_OPERATION_CANCEL_FAILED",          I, undefined,                    M.rejected],
  [0x203, "CKR_KEY_EXHAUSTED",                    S, undefined,                    M.usage],
];

const VENDOR_DEFINED = 0x80000000;

/** The one table: rv → mapping. */
export const CKR_TABLE: ReadonlyMap<number, CkrMapping> = new Map(
  ROWS.map(([code, name, kmsError, connectionErrorCode, safeMessage]) => [code, { name, kmsError, connectionErrorCode, safeMessage }]),
);

export function ckrMapping(code: number): CkrMapping {
  const row = CKR_TABLE.get(code);
  if (row) return row;
  const vendor = code >= VENDOR_DEFINED;
  return {
    name: vendor ? `CKR_VENDOR_DEFINED+0x${(code - VENDOR_DEFINED).toString(16)}` : `CKR_0x${code.toString(16)}`,
    kmsError: "KMSInternalException",
    connectionErrorCode: "INTERNAL_ERROR",
    safeMessage: M.internal,
  };
}

/**
 * The rv of a PKCS#11 failure, else undefined. pkcs11js throws Pkcs11Error with `.code`, but some
 * calls (e.g. C_CreateObject) surface a plain Error whose message is "CKR_NAME:<rv>".
 */
export function ckrCode(e: unknown): number | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const err = e as { name?: unknown; code?: unknown; message?: unknown };
  if (err.name === "Pkcs11Error" && typeof err.code === "number") return err.code;
  const m = typeof err.message === "string" ? /^(CKR_[A-Z0-9_]+):(\d+)$/.exec(err.message) : null;
  return m ? Number(m[2]) : undefined;
}

export function isCkr(e: unknown, ...codes: number[]): boolean {
  const code = ckrCode(e);
  return code !== undefined && codes.includes(code);
}

/** Any error from the PKCS#11 layer → AppError (AppErrors pass through unchanged). */
export function toAppError(e: unknown, context?: string): AppError {
  if (isAppError(e)) return e;
  const code = ckrCode(e);
  const where = context ? `${context}: ` : "";
  if (code === undefined) {
    const native = typeof e === "object" && e !== null && (e as { name?: unknown }).name === "NativeError";
    return new AppError({
      code: "KMSInternalException",
      safeMessage: M.internal,
      internalMessage: `${where}${e instanceof Error ? e.message : String(e)}`,
      connectionErrorCode: native ? "INTERNAL_ERROR" : undefined,
      cause: e,
    });
  }
  const m = ckrMapping(code);
  const method = (e as { method?: string }).method;
  return new AppError({
    code: m.kmsError,
    safeMessage: m.safeMessage,
    internalMessage: `${where}${m.name} (0x${code.toString(16)})${method ? ` from ${method}` : ""}`,
    connectionErrorCode: m.connectionErrorCode,
    cause: e,
  });
}

/** An AppError built from a kmsError name (for checks that are not a CKR_* code). */
export function hsmError(
  kmsError: KmsErrorName | "CloudHsmClusterNotActiveException" | "CloudHsmClusterNotFoundException",
  safeMessage: string,
  opts: { connectionErrorCode?: ConnectionErrorCode; internalMessage?: string; cause?: unknown } = {},
): AppError {
  return new AppError({ code: kmsError, safeMessage, ...opts });
}
