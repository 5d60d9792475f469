import "server-only";
import { hsmError } from "./errors.ts";
import { pkcs11 } from "./module.ts";
import { withTokenSession } from "./session-pool.ts";

/** Random bytes from the token's RNG (C_GenerateRandom). */
export async function generateRandom(token: string, length: number): Promise<Buffer> {
  if (!Number.isInteger(length) || length < 1 || length > 65_536) {
    throw hsmError("KMSInternalException", "Invalid number of random bytes.", { internalMessage: `length ${length}` });
  }
  return withTokenSession(token, (session) => pkcs11().C_GenerateRandom(session, Buffer.alloc(length)));
}
