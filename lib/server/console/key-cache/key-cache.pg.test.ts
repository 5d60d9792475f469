// The key cache on PostgreSQL (test/key-cache-suite.ts says what is tested): a database of its own on the
// test server of scripts/test/postgres.sh, migrated before the suite's first query.
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { keyCacheSuite } from "@/test/key-cache-suite.ts";
import { usePostgresDatabase } from "@/test/postgres-database.ts";

process.env.KEYHOLD_BACKEND = "local";
usePostgresDatabase("keyhold_key_cache");
useMigratedDataDir("console-key-cache-pg");
keyCacheSuite();
