// A signed-in console user for tests of console domain functions: a real user with an access key (which
// kmsForCaller signs with), and the session a page or route would hand on.
import type { Role } from "@/lib/schemas/auth.ts";
import type { SessionContext } from "@/lib/server/console/auth/session-context.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";

export async function callerWith(name: string, role: Role): Promise<Caller> {
  const user = await createUser({ name, password: `${name}-Password-123`, role });
  await createAccessKey(user.id);
  const session: SessionContext = {
    sessionId: name,
    expiresAt: new Date(Date.now() + 3600_000),
    user: { id: user.id, name: user.name, role, principalArn: user.principalArn },
  };
  return { session };
}
