import "server-only";
import { parse as parseToml } from "smol-toml";
import { AppError } from "@/lib/server/platform/errors.ts";

// The proxy serves a key on a URI path prefix only when that prefix's xks_key_id_set names it
// (lib/xks-proxy/README.md). This edits those arrays in the settings text itself, so the admin's
// comments and layout stay as they were, and checks the result parses to exactly the intended sets.

type RawStores = { external_key_stores?: { uri_path_prefix?: string; xks_key_id_set?: string[] }[] };

const BLOCK = /^\[\[external_key_stores\]\][ \t]*(#.*)?$/gm;
const KEY_ID_SET = /^([ \t]*xks_key_id_set[ \t]*=[ \t]*)\[[^\]]*\]/m;

/** The settings text with keyId added to the xks_key_id_set of each of these prefixes. */
export function allowKeyOnPrefixes(text: string, keyId: string, prefixes: string[]): string {
  const before = (parseToml(text) as RawStores).external_key_stores ?? [];
  const starts = [...text.matchAll(BLOCK)].map((m) => m.index);
  if (starts.length !== before.length) throw unreadable("its [[external_key_stores]] tables are not one per line");
  let out = text;
  // From the last block to the first, so earlier offsets stay valid.
  for (let i = before.length - 1; i >= 0; i--) {
    const store = before[i]!;
    if (!prefixes.includes(store.uri_path_prefix ?? "") || store.xks_key_id_set?.includes(keyId)) continue;
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : nextTable(out, start);
    const block = out.slice(start, end);
    const ids = [...(store.xks_key_id_set ?? []), keyId];
    const edited = KEY_ID_SET.test(block)
      ? block.replace(KEY_ID_SET, (_, lead: string) => `${lead}${JSON.stringify(ids)}`)
      : block.replace(/\n|$/, (nl) => `\nxks_key_id_set = ${JSON.stringify(ids)}${nl}`);
    out = out.slice(0, start) + edited + out.slice(end);
  }
  const after = (parseToml(out) as RawStores).external_key_stores ?? [];
  const expected = before.map((s) =>
    prefixes.includes(s.uri_path_prefix ?? "") && !s.xks_key_id_set?.includes(keyId)
      ? [...(s.xks_key_id_set ?? []), keyId]
      : s.xks_key_id_set,
  );
  if (JSON.stringify(after.map((s) => s.xks_key_id_set)) !== JSON.stringify(expected))
    throw unreadable("the edit did not give the expected key id sets");
  return out;
}

/** Where the table starting at `from` ends: the next [table] header, or the end of the text. */
function nextTable(text: string, from: number): number {
  const re = /^\[/gm;
  re.lastIndex = text.indexOf("\n", from) + 1 || text.length;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

function unreadable(why: string): AppError {
  return new AppError({
    code: "XksProxySettingsNotEditable",
    safeMessage: `The key was created, but the proxy's settings.toml could not be edited to serve it (${why}). Add the key id to an xks_key_id_set by hand, then reload the proxy.`,
  });
}
