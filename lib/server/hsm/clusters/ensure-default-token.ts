import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { hsmError } from "@/lib/server/hsm/errors.ts";
import { isLoggedIn, login } from "@/lib/server/hsm/session-pool.ts";
import { findTokenSlot } from "@/lib/server/hsm/slots.ts";
import { initToken } from "@/lib/server/hsm/tokens.ts";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";
import { randomAlphanumeric } from "./cluster-secrets.ts";

// The service's own token, for KMS keys with origin AWS_KMS. Its keys are generated non-extractable
// (no wrapping key exists on it at all), so their material never leaves the token in any form. The
// PINs are generated once and kept sealed in the Setting table.

export const DEFAULT_TOKEN_LABEL = "keyhold-default";
const SO_PIN = "hsm.default-token.so-pin";
const USER_PIN = "hsm.default-token.user-pin";

const inFlight = globalThis as unknown as { keyholdDefaultToken?: Promise<{ label: string; created: boolean }> };

async function pins(): Promise<{ soPin: string; userPin: string; generated: boolean }> {
  const rows = await db().setting.findMany({ where: { key: { in: [SO_PIN, USER_PIN] } } });
  const so = rows.find((r) => r.key === SO_PIN);
  const user = rows.find((r) => r.key === USER_PIN);
  if (so && user) {
    return {
      soPin: openSealedText(so.value, `setting:${SO_PIN}`),
      userPin: openSealedText(user.value, `setting:${USER_PIN}`),
      generated: false,
    };
  }
  // Stored before the token exists: a crash in between leaves PINs to reuse, never an orphan token.
  const soPin = randomAlphanumeric(32);
  const userPin = randomAlphanumeric(32);
  for (const [key, value] of [
    [SO_PIN, soPin],
    [USER_PIN, userPin],
  ] as const) {
    const sealed = seal(value, `setting:${key}`);
    await db().setting.upsert({ where: { key }, create: { key, value: sealed }, update: { value: sealed } });
  }
  return { soPin, userPin, generated: true };
}

async function ensure(): Promise<{ label: string; created: boolean }> {
  if (isLoggedIn(DEFAULT_TOKEN_LABEL)) return { label: DEFAULT_TOKEN_LABEL, created: false };
  const exists = findTokenSlot(DEFAULT_TOKEN_LABEL) !== undefined;
  const settings = await db().setting.count({ where: { key: { in: [SO_PIN, USER_PIN] } } });
  if (exists && settings < 2) {
    throw hsmError("KMSInternalException", "The default HSM token exists but its PINs are missing.", {
      internalMessage: `token "${DEFAULT_TOKEN_LABEL}" exists but settings ${SO_PIN}/${USER_PIN} are missing`,
    });
  }
  const { soPin, userPin, generated } = await pins();
  if (!exists) {
    if (!generated) console.warn(`The default HSM token "${DEFAULT_TOKEN_LABEL}" was missing; created a new, empty one.`);
    initToken({ label: DEFAULT_TOKEN_LABEL, soPin, userPin });
  }
  login(DEFAULT_TOKEN_LABEL, userPin);
  return { label: DEFAULT_TOKEN_LABEL, created: !exists };
}

/** Creates (first time) and logs in to the default token; idempotent and safe to call concurrently. */
export async function ensureDefaultToken(): Promise<{ label: string; created: boolean }> {
  if (isLoggedIn(DEFAULT_TOKEN_LABEL)) return { label: DEFAULT_TOKEN_LABEL, created: false };
  inFlight.keyholdDefaultToken ??= ensure().finally(() => {
    inFlight.keyholdDefaultToken = undefined;
  });
  return inFlight.keyholdDefaultToken;
}
