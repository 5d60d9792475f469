// Every route the production build serves, read from Next's own manifest (not a hand-picked list),
// with dynamic segments filled in, so a route added later is covered by the protection tests.
import fs from "node:fs";
import path from "node:path";

export type BuiltRoute = {
  /** The app-directory entry, e.g. "/(console)/key-stores/[id]/page". */
  entry: string;
  /** The route pattern, e.g. "/key-stores/[id]". */
  pattern: string;
  /** A concrete URL path for it, e.g. "/key-stores/e2e-sample-id". */
  path: string;
  kind: "page" | "route";
};

const MANIFEST = path.resolve(".next/app-path-routes-manifest.json");

/** Fills [param], [...catchAll] and [[...optional]] segments with sample values. */
export function concretePath(pattern: string): string {
  const filled = pattern
    .replace(/\/\[\[\.\.\.[^\]]+\]\]/g, "")
    .replace(/\[\.\.\.[^\]]+\]/g, "e2e-sample/nested")
    .replace(/\[[^\]]+\]/g, "e2e-sample-id");
  return filled === "" ? "/" : filled;
}

export function builtRoutes(): BuiltRoute[] {
  if (!fs.existsSync(MANIFEST)) throw new Error(`${MANIFEST} is missing: run \`npx next build\` before the e2e tests`);
  const manifest = JSON.parse(fs.readFileSync(MANIFEST, "utf8")) as Record<string, string>;
  return Object.entries(manifest)
    .map(([entry, pattern]): BuiltRoute => ({
      entry,
      pattern,
      path: concretePath(pattern),
      kind: entry.endsWith("/route") ? "route" : "page",
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}
