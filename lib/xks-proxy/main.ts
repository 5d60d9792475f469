// `npm run xks-proxy -- [command]`: the Keyhold XKS proxy and its management CLI (run with
// `tsx --conditions=react-server`). Commands:
//   serve [--http] [--port N] [--host H]        run the proxy (the default command)
//   setup                                        create settings, token, TLS files, first credentials (idempotent)
//   keys list | create <id> [--usage ENCRYPT_DECRYPT|ENCRYPT|DECRYPT] | disable <id> | enable <id>
//   credentials list | add --prefix <p> | remove <accessKeyId>
// Global: --config <settings.toml> (else XKS_PROXY_SETTINGS_TOML, else <data>/xks-proxy/settings.toml).
import { runCli } from "./cli/run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2));
