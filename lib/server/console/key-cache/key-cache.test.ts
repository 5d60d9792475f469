// The key cache on SQLite (test/key-cache-suite.ts says what is tested).
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { keyCacheSuite } from "@/test/key-cache-suite.ts";

process.env.KEYHOLD_BACKEND = "local";
useMigratedDataDir("console-key-cache");
keyCacheSuite();
