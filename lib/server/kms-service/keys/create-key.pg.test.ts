// CreateKey on PostgreSQL (test/create-key-suite.ts says what is tested): a database of its own on the
// test server of scripts/test/postgres.sh, migrated before the suite's first query.
import { createKeySuite } from "@/test/create-key-suite.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";
import { usePostgresDatabase } from "@/test/postgres-database.ts";

// A minute: an audit event found right after the answer was written before it (durable), not by the batch.
process.env.KEYHOLD_AUDIT_FLUSH_MS = "60000";
// Low enough for the quota's test to fill the table up to it.
process.env.KEYHOLD_KMS_KEY_LIMIT = "60";
usePostgresDatabase("keyhold_create_key");
createKeySuite(useLocalKms("create-key-pg"));
