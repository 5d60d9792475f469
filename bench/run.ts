// `npm run bench`: runs every benchmark in turn. Add new ones to the list.
import { hsmBench } from "./hsm.bench.ts";

const benches: Array<[name: string, run: () => Promise<unknown>]> = [["hsm: AES-GCM on a token key vs node:crypto", () => hsmBench()]];

for (const [name, run] of benches) {
  console.log(`\n== ${name}`);
  await run();
}
