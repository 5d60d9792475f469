// A signed-in console user for tests of console domain functions: a real user with a real session
// (whose console credential kmsForCaller signs with) and no access key of their own, as a user who
// just signed in with a password.
import type { Role } from "@/lib/schemas/auth.ts";
import { createSession } from "@/lib/server/console/auth/create-session.ts";
import type { SessionContext } from "@/lib/server/console/auth/session-context.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";

export async function callerWith(name: string, role: Role): Promise<Caller> {
  const user = await createUser({ name, password: `${name}-Password-123`, role });
  const { sessionId, expiresAt } = await createSession(user.id);
  const session: SessionContext = {
    sessionId,
    expiresAt,
    user: { id: user.id, name: user.name, role, principalArn: user.principalArn },
  };
  return { session };
}
