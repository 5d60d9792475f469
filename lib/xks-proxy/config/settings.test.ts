import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSettings } from "./settings.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xks-settings-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const base = `
[server]
port = 4443
[[external_key_stores]]
uri_path_prefix = "/keyhold"
xks_key_id_set = ["a"]
[pkcs11]
token_label = "t"
`;

function load(text: string) {
  const file = path.join(dir, "settings.toml");
  fs.writeFileSync(file, text);
  return () => loadSettings(file);
}

describe("settings.toml validation", () => {
  it("fills defaults and resolves paths against the file's folder", () => {
    const s = load(base)();
    expect(s.server).toMatchObject({ ip: "127.0.0.1", port: 4443, region_allow_list: ["us-east-1"] });
    expect(s.stores).toEqual([{ prefix: "/keyhold", keyIds: new Set(["a"]), throttleRps: 1800, throttleBurst: 1800 }]);
    expect(s.paths.certificate).toBe(path.join(dir, "tls/server.crt"));
    expect(s.limits).toEqual({ max_plaintext_in_base64: 8192, max_aad_in_base64: 16384 });
  });

  it("names the bad setting", () => {
    const cases: Array<[string, RegExp]> = [
      [base.replace('"/keyhold"', '"keyhold"'), /external_key_stores\[0\]\.uri_path_prefix: must be empty or/],
      [base.replace('"/keyhold"', '"/keyhold/"'), /external_key_stores\[0\]\.uri_path_prefix/],
      [base.replace('"/keyhold"', `"/${"a".repeat(117)}"`), /uri_path_prefix: must be at most 117/],
      [base.replace('["a"]', '["bad id!"]'), /external_key_stores\[0\]\.xks_key_id_set\[0\]: key ids are/],
      [base.replace("port = 4443", "port = 70000"), /server\.port/],
      [base.replace("port = 4443", "port = 4443\nbogus = 1"), /server: Unrecognized key/i],
      [base + "\n[limits]\nmax_plaintext_in_base64 = 100\n", /limits\.max_plaintext_in_base64: must allow at least 4300 bytes/],
      [base.replace('token_label = "t"', ""), /pkcs11\.token_label/],
      [base + '[[external_key_stores]]\nuri_path_prefix = "/keyhold"\nxks_key_id_set = []\n', /"\/keyhold" is used twice/],
      ["[server\n", /not valid TOML/],
      [base + '[tls]\nmtls_client_ca = "ca.pem"\n', /tls: set both mtls_client_ca and mtls_client_dns_name, or neither/],
    ];
    for (const [text, message] of cases) expect(load(text)).toThrow(message);
  });
});
