import "server-only";
import pkcs11js from "pkcs11js";
import type { Handle } from "pkcs11js";
import { hsmError, toAppError } from "./errors.ts";
import { pkcs11 } from "./module.ts";
import { isLoggedIn } from "./session-pool.ts";
import { requireTokenSlot } from "./slots.ts";

// Security-officer work (setting the user PIN, creating the trusted wrapping key) in a short-lived
// session. PKCS#11 login state is per token and application, so the SO cannot log in while this
// process is logged in as the user: callers log the user out first. The SO PIN is tried once.

export function withSoSession<T>(label: string, soPin: string, fn: (session: Handle) => T): T {
  if (isLoggedIn(label)) {
    throw hsmError("KMSInternalException", "The HSM is busy; retry.", {
      internalMessage: `SO login on "${label}" while the user is logged in; log out first`,
    });
  }
  const { slot } = requireTokenSlot(label);
  const p = pkcs11();
  let session: Handle;
  try {
    session = p.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  } catch (e) {
    throw toAppError(e, `opening an SO session on "${label}"`);
  }
  try {
    p.C_Login(session, pkcs11js.CKU_SO, soPin);
  } catch (e) {
    close(session);
    throw toAppError(e, `SO login to "${label}"`);
  }
  try {
    return fn(session);
  } catch (e) {
    throw toAppError(e, `SO operation on "${label}"`);
  } finally {
    try {
      p.C_Logout(session);
    } catch {
      // Closing the session below ends the login anyway.
    }
    close(session);
  }
}

function close(session: Handle): void {
  try {
    pkcs11().C_CloseSession(session);
  } catch {
    // Already closed.
  }
}
