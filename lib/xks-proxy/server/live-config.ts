import "server-only";
import fs from "node:fs";
import { loadCredentialTable, type CredentialTable } from "../config/credentials.ts";
import { loadSettings, type Settings, type StoreSettings } from "../config/settings.ts";
import { log } from "../log.ts";
import { TokenBucket } from "./throttle.ts";

// What may change while the proxy runs, without a restart: the credentials file (re-read when it changes,
// checked every second, and on SIGHUP) and, on SIGHUP, the settings' key stores (prefixes, key allow-lists,
// throttles) and limits. A file that does not load leaves the previous state in force and is logged.
// Server, TLS and PKCS#11 settings take effect at the next start.

export class LiveConfig {
  settings: Settings;
  credentials: CredentialTable = new Map();
  stores = new Map<string, StoreSettings>();
  buckets = new Map<string, TokenBucket>();
  private watching?: string;

  constructor(settings: Settings) {
    this.settings = settings;
    this.applyStores(settings.stores);
    this.credentials = loadCredentialTable(settings.paths.credentials);
  }

  private applyStores(stores: StoreSettings[]): void {
    this.stores = new Map(stores.map((s) => [s.prefix, s]));
    for (const s of stores) {
      const bucket = this.buckets.get(s.prefix);
      if (bucket) bucket.configure(s.throttleRps, s.throttleBurst);
      else this.buckets.set(s.prefix, new TokenBucket(s.throttleRps, s.throttleBurst));
    }
  }

  reloadCredentials(): boolean {
    try {
      this.credentials = loadCredentialTable(this.settings.paths.credentials);
      const counts = [...this.credentials].map(([prefix, keys]) => `${prefix || "(none)"}: ${keys.size}`);
      log("info", "credentials loaded", { file: this.settings.paths.credentials, perPrefix: counts });
      return true;
    } catch (e) {
      log("error", "credentials file not loaded; the previous credentials stay in force", { detail: (e as Error).message });
      return false;
    }
  }

  reloadSettings(): boolean {
    try {
      const next = loadSettings(this.settings.file);
      this.settings = {
        ...next,
        server: this.settings.server,
        tls: this.settings.tls,
        pkcs11: this.settings.pkcs11,
        paths: this.settings.paths,
      };
      this.applyStores(next.stores);
      log("info", "settings reloaded (key stores, limits, health, tracing)", {
        file: next.file,
        prefixes: next.stores.map((s) => s.prefix),
      });
      return true;
    } catch (e) {
      log("error", "settings not reloaded; the previous settings stay in force", { detail: (e as Error).message });
      return false;
    }
  }

  /** Re-reads the credentials file whenever its size, time or inode changes (polled every second). */
  watch(): void {
    const file = this.settings.paths.credentials;
    this.watching = file;
    fs.watchFile(file, { interval: 1000 }, (now, before) => {
      if (now.mtimeMs !== before.mtimeMs || now.ino !== before.ino || now.size !== before.size) this.reloadCredentials();
    });
  }

  unwatch(): void {
    if (this.watching) fs.unwatchFile(this.watching);
  }
}
