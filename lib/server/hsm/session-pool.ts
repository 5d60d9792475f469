import "server-only";
import pkcs11js from "pkcs11js";
import type { Handle } from "pkcs11js";
import { pauseCryptoThreads } from "./crypto-threads.ts";
import { hsmError, toAppError } from "./errors.ts";
import { loadKeyIndex } from "./key-index.ts";
import { pkcs11 } from "./module.ts";
import { requireTokenSlot } from "./slots.ts";
import { hsmState, type TokenState } from "./state.ts";

// Per token: one logged-in session kept for the process lifetime (object handles die when the last
// session on a token closes) and a pool of operation sessions that share its login. A session is always
// returned (or closed, if the operation failed) by withTokenSession. A wrong PIN is never retried: C_Login
// runs exactly once per login() call and its error is reported as is.

export const MAX_SESSIONS_PER_TOKEN = 16;
const WAIT_FOR_SESSION_MS = 5_000;
const RW_SESSION = pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION;

export function isLoggedIn(label: string): boolean {
  return hsmState().tokens.has(label);
}

/** Logs the normal user in (one C_Login) and indexes the token's keys. */
export function login(label: string, pin: string): void {
  if (isLoggedIn(label)) {
    throw hsmError("CustomKeyStoreInvalidStateException", "The kmsuser is already logged in.", {
      connectionErrorCode: "USER_LOGGED_IN",
      internalMessage: `token "${label}" is already logged in by this process`,
    });
  }
  const { slot } = requireTokenSlot(label);
  const p = pkcs11();
  let main: Handle;
  try {
    main = p.C_OpenSession(slot, RW_SESSION);
  } catch (e) {
    throw toAppError(e, `opening a session on "${label}"`);
  }
  try {
    p.C_Login(main, pkcs11js.CKU_USER, pin);
  } catch (e) {
    closeQuietly(main);
    throw toAppError(e, `login to "${label}"`);
  }
  let keys;
  try {
    keys = loadKeyIndex(p, main);
  } catch (e) {
    closeAllQuietly(slot);
    throw toAppError(e, `indexing keys on "${label}"`);
  }
  hsmState().tokens.set(label, { label, slot, main, idle: [], open: 0, waiters: [], threadSessions: [], keys });
}

/** Logs out and closes every session of the token (private object handles become invalid). */
export function logout(label: string): void {
  const token = hsmState().tokens.get(label);
  if (!token) return;
  pauseCryptoThreads(() => {
    try {
      pkcs11().C_Logout(token.main);
    } catch {
      // Already logged out or the token is gone: closing the sessions below is what matters.
    }
    forgetToken(label);
  });
}

/** Drops the token's state: closes its sessions and fails anyone waiting for one. */
export function forgetToken(label: string): void {
  const state = hsmState();
  const token = state.tokens.get(label);
  if (!token) return;
  state.tokens.delete(label);
  // The crypto threads' sessions close too: never while one of them is inside a call on it.
  pauseCryptoThreads(() => closeAllQuietly(token.slot));
  for (const w of token.waiters.splice(0)) {
    clearTimeout(w.timer);
    w.reject(notLoggedIn(label));
  }
}

/** The logged-in state of a token, or KMSInvalidStateException. */
export function tokenState(label: string): TokenState {
  const token = hsmState().tokens.get(label);
  if (!token) throw notLoggedIn(label);
  return token;
}

/**
 * Runs fn with an operation session of the token. The session goes back to the pool when fn returns;
 * if fn throws, the session is closed instead (it may hold an unfinished operation). Errors come out as
 * AppErrors. A synchronous fn releases its session before withTokenSession resolves.
 */
export async function withTokenSession<T>(label: string, fn: (session: Handle, token: TokenState) => T | Promise<T>): Promise<T> {
  const token = tokenState(label);
  const session = token.idle.pop() ?? openSession(token) ?? (await waitForSession(token));
  let result: T | Promise<T>;
  try {
    result = fn(session, token);
  } catch (e) {
    discard(token, session);
    throw toAppError(e, `token "${label}"`);
  }
  if (!(result instanceof Promise)) {
    release(token, session);
    return result;
  }
  try {
    const value = await result;
    release(token, session);
    return value;
  } catch (e) {
    discard(token, session);
    throw toAppError(e, `token "${label}"`);
  }
}

/**
 * The session crypto thread `index` uses on this token: its own (a thread runs one job at a time), opened
 * on first use, outside the pool's count, and closed with the token's other sessions.
 */
export function threadSession(token: TokenState, index: number): Handle {
  const session = token.threadSessions[index];
  if (session) return session;
  try {
    return (token.threadSessions[index] = pkcs11().C_OpenSession(token.slot, RW_SESSION));
  } catch (e) {
    throw toAppError(e, `opening a session on "${token.label}"`);
  }
}

/** Closes a crypto thread's session after a failed job (it is reopened on next use), unless already replaced. */
export function dropThreadSession(token: TokenState, index: number, session: Handle): void {
  if (!token.threadSessions[index]?.equals(session)) return;
  token.threadSessions[index] = undefined;
  pauseCryptoThreads(() => closeQuietly(session));
}

/** Sessions open for operations on a token (idle + borrowed), for diagnostics and tests. */
export function poolSize(label: string): { open: number; idle: number } {
  const token = hsmState().tokens.get(label);
  return { open: token?.open ?? 0, idle: token?.idle.length ?? 0 };
}

function openSession(token: TokenState): Handle | undefined {
  if (token.open >= MAX_SESSIONS_PER_TOKEN) return undefined;
  try {
    const session = pkcs11().C_OpenSession(token.slot, RW_SESSION);
    token.open++;
    return session;
  } catch (e) {
    throw toAppError(e, `opening a session on "${token.label}"`);
  }
}

function waitForSession(token: TokenState): Promise<Handle> {
  return new Promise((resolve, reject) => {
    const waiter = {
      resolve,
      reject,
      timer: setTimeout(() => {
        token.waiters.splice(token.waiters.indexOf(waiter), 1);
        reject(
          hsmError("KMSInternalException", "No PKCS#11 sessions are available; back off and retry.", {
            internalMessage: `all ${MAX_SESSIONS_PER_TOKEN} sessions of "${token.label}" busy for ${WAIT_FOR_SESSION_MS} ms`,
          }),
        );
      }, WAIT_FOR_SESSION_MS),
    };
    token.waiters.push(waiter);
  });
}

function isCurrent(token: TokenState): boolean {
  return hsmState().tokens.get(token.label) === token;
}

function release(token: TokenState, session: Handle): void {
  if (!isCurrent(token)) return closeQuietly(session);
  const waiter = token.waiters.shift();
  if (waiter) {
    clearTimeout(waiter.timer);
    waiter.resolve(session);
  } else {
    token.idle.push(session);
  }
}

function discard(token: TokenState, session: Handle): void {
  closeQuietly(session);
  if (!isCurrent(token)) return;
  token.open--;
  const waiter = token.waiters.shift();
  if (!waiter) return;
  clearTimeout(waiter.timer);
  try {
    // A slot just freed up, so this opens a session.
    waiter.resolve(openSession(token)!);
  } catch (e) {
    waiter.reject(e);
  }
}

function notLoggedIn(label: string) {
  return hsmError("KMSInvalidStateException", "KMS is not logged in to the HSM.", {
    internalMessage: `token "${label}" is not logged in`,
  });
}

function closeQuietly(session: Handle): void {
  try {
    pkcs11().C_CloseSession(session);
  } catch {
    // The session is already gone.
  }
}

function closeAllQuietly(slot: Handle): void {
  try {
    pkcs11().C_CloseAllSessions(slot);
  } catch {
    // The token is gone.
  }
}
