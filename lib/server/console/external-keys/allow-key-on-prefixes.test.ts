import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { allowKeyOnPrefixes } from "./allow-key-on-prefixes.ts";

const SETTINGS = `# top comment
[server]
port = 4443

[[external_key_stores]]
uri_path_prefix = "/keyhold"
# which keys
xks_key_id_set = ["keyhold-demo-key"]
throttle_rps = 1800

[[external_key_stores]]
uri_path_prefix = "/other"
xks_key_id_set = [
  "a",
  "b",
]

[pkcs11]
token_label = "t"
`;

const sets = (text: string) =>
  (parse(text) as { external_key_stores: { uri_path_prefix: string; xks_key_id_set: string[] }[] }).external_key_stores.map((s) => [
    s.uri_path_prefix,
    s.xks_key_id_set,
  ]);

describe("allowKeyOnPrefixes", () => {
  it("adds the key to the chosen prefixes only, keeping comments and the rest", () => {
    const out = allowKeyOnPrefixes(SETTINGS, "orders", ["/other"]);
    expect(sets(out)).toEqual([
      ["/keyhold", ["keyhold-demo-key"]],
      ["/other", ["a", "b", "orders"]],
    ]);
    expect(out).toContain("# top comment");
    expect(out).toContain("# which keys");
    expect(out).toContain('token_label = "t"');
  });

  it("adds to several prefixes, and leaves a set that already names the key alone", () => {
    const once = allowKeyOnPrefixes(SETTINGS, "a", ["/keyhold", "/other"]);
    expect(sets(once)).toEqual([
      ["/keyhold", ["keyhold-demo-key", "a"]],
      ["/other", ["a", "b"]],
    ]);
  });

  it("adds a missing xks_key_id_set line", () => {
    const text = `[[external_key_stores]]\nuri_path_prefix = ""\n\n[pkcs11]\ntoken_label = "t"\n`;
    expect(sets(allowKeyOnPrefixes(text, "k1", [""]))).toEqual([["", ["k1"]]]);
  });
});
