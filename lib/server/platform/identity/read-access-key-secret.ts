import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { openSealedText } from "@/lib/server/platform/secrets/secret-box.ts";
import { accessKeySecretContext } from "./create-access-key.ts";
import { principalArn } from "./principal-arn.ts";

export type AccessKeySecret = {
  accessKeyId: string;
  secretAccessKey: string;
  /** "Active" or "Inactive" (also when the key's user is inactive): a SigV4 verifier must refuse inactive keys. */
  status: string;
  userId: string;
  userName: string;
  /** The user's console role: the local service's stand-in for IAM policies. */
  role: string;
  principalArn: string;
};

/**
 * Unseals an access key's secret. Server-only, for SigV4 verification and for set-up rewriting the
 * AWS CLI credentials file; never return its result from an API route. Null when the key is unknown.
 */
export async function readAccessKeySecret(accessKeyId: string): Promise<AccessKeySecret | null> {
  if (!/^AKIA[A-Z2-7]{16}$/.test(accessKeyId)) return null;
  const key = await db().accessKey.findUnique({
    where: { id: accessKeyId },
    include: { user: { select: { name: true, role: true, status: true } } },
  });
  if (!key) return null;
  return {
    accessKeyId: key.id,
    secretAccessKey: openSealedText(key.secretSealed, accessKeySecretContext(key.id)),
    status: key.user.status === "Active" ? key.status : "Inactive",
    userId: key.userId,
    userName: key.user.name,
    role: key.user.role,
    principalArn: principalArn(key.user.name),
  };
}
