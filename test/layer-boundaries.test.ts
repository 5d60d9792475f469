// The layer rules of eslint.config.mjs refuse an import that crosses a layer the wrong way: each fixture
// in test/fixtures/layer-violations is linted as if it stood at its product path and must be refused;
// the console's one allowed door into the service (kms-service/local-backend.ts) must not be.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const FIXTURES = path.resolve("test/fixtures/layer-violations");
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("layer boundaries (npm test's lint step)", () => {
  const fixtures = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".ts"));

  it.each(fixtures)("refuses %s", async (file) => {
    const code = fs.readFileSync(path.join(FIXTURES, file), "utf8");
    const as = /^\/\/ as: (\S+)/.exec(code)![1]!;
    const errors = await layerErrors(code, as);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Wrong layer: |Import another folder through its @\/ path/);
  });

  it("lets the console through its one door into the local service, and a layer import its own", async () => {
    expect(
      await layerErrors(
        'import { localService } from "@/lib/server/kms-service/local-backend.ts";\nexport const ok = localService;\n',
        "lib/server/console/aws/ok.ts",
      ),
    ).toEqual([]);
    expect(
      await layerErrors('import { db } from "@/lib/server/platform/db.ts";\nexport const ok = db;\n', "lib/server/kms-service/keys/ok.ts"),
    ).toEqual([]);
  });
});
