import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";

// The kmsuser password a CloudHSM key store was given (KeyStorePassword), sealed with the master key
// and bound to the store's id. It is opened only to log kmsuser in; never returned, logged or audited.

const context = (storeId: string) => `custom-key-store:${storeId}:kmsuser-password`;

export function sealKeyStorePassword(storeId: string, password: string): string {
  return seal(password, context(storeId));
}

export function openKeyStorePassword(store: Pick<CustomKeyStore, "id" | "keyStorePasswordSealed">): string {
  if (!store.keyStorePasswordSealed) throw new Error(`custom key store ${store.id} has no kmsuser password`);
  return openSealedText(store.keyStorePasswordSealed, context(store.id));
}
