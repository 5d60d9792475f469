// A locked-out kmsuser is unlocked through PUT /api/clusters/:id/kmsuser-password (admins only), on a real
// local cluster: the route handler with a real session, the real HSM tokens and database.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { PUT } from "@/app/api/clusters/[id]/kmsuser-password/route.ts";
import { createSession } from "@/lib/server/console/auth/create-session.ts";
import { createLocalInitializedCluster } from "@/lib/server/kms-service/local-backend.ts";
import { loginKmsuser, MAX_FAILED_LOGINS } from "@/lib/server/hsm/clusters/login-kmsuser.ts";
import { db } from "@/lib/server/platform/db.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

process.env.KEYHOLD_BACKEND = "local";
useMigratedDataDir("set-kmsuser-password");

let clusterId: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ({ clusterId } = await createLocalInitializedCluster({
    hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
    kmsuserPassword: "Initial1234",
  }));
  for (const role of ["admin", "operator"] as const) {
    const user = await createUser({ name: `${role}-user`, password: "a long enough password 1", role });
    cookies[role] = (await createSession(user.id)).token;
  }
});

function put(role: string, body: unknown) {
  const request = new NextRequest(`http://127.0.0.1:3000/api/clusters/${clusterId}/kmsuser-password`, {
    method: "PUT",
    headers: { host: "127.0.0.1:3000", "content-type": "application/json", cookie: `keyhold_session=${cookies[role]}` },
    body: JSON.stringify(body),
  });
  return PUT(request, { params: Promise.resolve({ id: clusterId }) });
}

describe("unlocking kmsuser", () => {
  it("a kmsuser locked out by wrong passwords can log in again after an admin sets its password", async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await loginKmsuser({ clusterId, password: "Wrong999999" }).catch(() => {});
    await expect(loginKmsuser({ clusterId, password: "Initial1234" })).rejects.toMatchObject({ connectionErrorCode: "USER_LOCKED_OUT" });

    const refused = await put("operator", { kmsuserPassword: "Unlocked4321" });
    expect(refused.status).toBe(403);
    const invalid = await put("admin", { kmsuserPassword: "bad!" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fields).toHaveProperty("kmsuserPassword");
    await expect(loginKmsuser({ clusterId, password: "Initial1234" })).rejects.toMatchObject({ connectionErrorCode: "USER_LOCKED_OUT" });

    const ok = await put("admin", { kmsuserPassword: "Unlocked4321" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ clusterId, unlocked: true });
    expect((await loginKmsuser({ clusterId, password: "Unlocked4321" })).hsmIds).toHaveLength(2);
    const row = await db().cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(row).toMatchObject({ kmsuserFailedLogins: 0, kmsuserLockedAt: null });

    const events = await db().auditEvent.findMany({ where: { eventName: "SetKmsuserPassword" } });
    expect(events.map((e) => [e.principalArn, e.errorCode])).toEqual([["arn:aws:iam::111122223333:user/admin-user", null]]);
    expect(JSON.stringify(events)).not.toContain("Unlocked4321");
  });

  it("refuses a cluster that does not exist", async () => {
    const request = new NextRequest("http://127.0.0.1:3000/api/clusters/cluster-nope1234567/kmsuser-password", {
      method: "PUT",
      headers: { host: "127.0.0.1:3000", "content-type": "application/json", cookie: `keyhold_session=${cookies.admin}` },
      body: JSON.stringify({ kmsuserPassword: "Whatever1234" }),
    });
    const response = await PUT(request, { params: Promise.resolve({ id: "cluster-nope1234567" }) });
    expect(response.status).toBe(404);
  });
});
