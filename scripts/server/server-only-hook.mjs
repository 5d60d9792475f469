// Loaded with `node --import` before server.ts: lets lib/server's `import "server-only"` load in the
// server process outside Next's bundles. Only that one package is resolved differently (to an empty
// module), so Next and React keep their normal (not react-server) builds in this process.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === "server-only") return { url: "data:text/javascript,", shortCircuit: true };
        return next(specifier, context);
      }`),
);
