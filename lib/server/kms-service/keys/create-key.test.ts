// CreateKey on SQLite (test/create-key-suite.ts says what is tested).
import { createKeySuite } from "@/test/create-key-suite.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";

// A minute: an audit event found right after the answer was written before it (durable), not by the batch.
process.env.KEYHOLD_AUDIT_FLUSH_MS = "60000";
// Low enough for the quota's test to fill the table up to it.
process.env.KEYHOLD_KMS_KEY_LIMIT = "60";
createKeySuite(useLocalKms("create-key"));
