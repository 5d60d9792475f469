// `npm run bench`: runs every benchmark in turn; `npm run bench -- status` only those whose name
// contains one of the words given. Add new ones to the list.
import { consolePagesBench } from "./console-pages.bench.ts";
import { createKeyBench } from "./create-key.bench.ts";
import { hsmBench, type HsmBenchRow } from "./hsm.bench.ts";
import { kmsEndpointBench } from "./kms-endpoint.bench.ts";
import { statusCacheBench } from "./status-cache.bench.ts";
import { wireBench } from "./wire.bench.ts";
import { wireHandlerBench } from "./wire-handler.bench.ts";
import { xksProxyBench } from "./xks-proxy.bench.ts";

let hsmRows: HsmBenchRow[] | undefined;

const benches: Array<[name: string, run: () => Promise<unknown>]> = [
  ["hsm: AES-GCM on a token key vs node:crypto", async () => (hsmRows = await hsmBench())],
  ["kms endpoint: Encrypt / Decrypt requests per second through /api/aws semantics", () => kmsEndpointBench({ hsmRows })],
  [
    "wire: /api/aws of the real server process under a SigV4 load generator, 1/8/32 keep-alive connections, vs raw PKCS#11",
    () => wireBench({ hsmRows }),
  ],
  [
    "handler: the /api/aws request handler in-process, no HTTP — server CPU µs per Encrypt / Decrypt / GenerateDataKey",
    () => wireHandlerBench(),
  ],
  ["xks proxy: Encrypt / Decrypt requests per second through the XKS proxy over HTTPS", () => xksProxyBench({ hsmRows })],
  ["status cache: 100 key stores and 10,000 keys — refresh time, key stores list served from the cache", () => statusCacheBench()],
  ["console: 100 key stores and 10,000 keys — GET /api/keys, every page's first useful paint in chromium", () => consolePagesBench()],
  ["create-key: CreateKey through /api/aws vs the HSM's own C_GenerateKey, and where its server time goes", () => createKeyBench()],
];

const only = process.argv.slice(2).map((w) => w.toLowerCase());
for (const [name, run] of benches) {
  if (only.length && !only.some((w) => name.toLowerCase().includes(w))) continue;
  console.log(`\n== ${name}`);
  await run();
}
