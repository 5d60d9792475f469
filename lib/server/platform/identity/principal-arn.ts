import "server-only";
import { env } from "@/lib/server/platform/env.ts";

/** The IAM-style principal of a console user: arn:aws:iam::<account>:user/<name>. */
export function principalArn(userName: string): string {
  return `arn:aws:iam::${env().KEYHOLD_ACCOUNT_ID}:user/${userName}`;
}
