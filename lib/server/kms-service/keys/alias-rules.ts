import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// Alias names (spec §3.2, §4 CreateAlias): "alias/" + alphanumerics, "/", "_", "-"; "alias/aws/" is
// reserved for AWS managed keys; at most 50 aliases per key (§6.5).

export const MAX_ALIASES_PER_KEY = 50;
const NAME = /^alias\/[a-zA-Z0-9/_-]+$/;

/** Checks a name a caller wants to create or repoint (the shape's pattern is checked before). */
export function checkAliasName(name: string): void {
  if (!name.startsWith("alias/")) {
    throw validationError(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (name.startsWith("alias/aws/") || name === "alias/aws") {
    // Real KMS answers with NotAuthorizedException, a name the model does not list.
    throw new KmsError("NotAuthorizedException", "Cannot create alias with prefix 'alias/aws/'");
  }
  if (!NAME.test(name)) {
    throw new KmsError(
      "InvalidAliasNameException",
      `Alias ${name} is not valid: after "alias/" it must contain only alphanumeric characters, forward slashes (/), underscores (_) and dashes (-).`,
    );
  }
}

/** LimitExceededException when the key already has 50 aliases. */
export async function checkAliasQuota(keyId: string): Promise<void> {
  if ((await db().alias.count({ where: { keyId } })) >= MAX_ALIASES_PER_KEY) {
    throw new KmsError("LimitExceededException", `A KMS key can have at most ${MAX_ALIASES_PER_KEY} aliases.`);
  }
}
