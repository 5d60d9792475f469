import "server-only";
import type { CreateVpcEndpointServiceRequest, VpcEndpointService } from "@/lib/schemas/key-stores.ts";
import { ZCreateVpcEndpointServiceRequest } from "@/lib/schemas/key-stores.ts";
import {
  createLocalVpcEndpointService,
  deleteLocalVpcEndpointService,
  listLocalVpcEndpointServices,
} from "@/lib/server/kms-service/local-backend.ts";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { env } from "@/lib/server/platform/env.ts";

// The local stand-ins for VPC endpoint services (local backend only; on AWS they are EC2 resources the
// console does not manage), so VPC_ENDPOINT_SERVICE connectivity can be used from the browser.

const audit = (eventName: string, name: string, actor: AuditActor) =>
  recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName,
    requestId: actor.requestId ?? "",
    principalArn: actor.principalArn,
    sourceIp: actor.sourceIp,
    userAgent: actor.userAgent,
    requestParameters: { name },
    resources: [name],
  });

const toView = (s: Awaited<ReturnType<typeof listLocalVpcEndpointServices>>[number]): VpcEndpointService => ({
  name: s.name,
  proxyUrl: s.proxyUrl,
  privateDnsName: s.privateDnsName,
  privateDnsVerified: s.privateDnsVerified,
  acceptanceRequired: s.acceptanceRequired,
  allowsKms: s.allowsKms,
  createdAt: s.createdAt.toISOString(),
});

export async function listVpcEndpointServices(): Promise<{ supported: boolean; services: VpcEndpointService[] }> {
  if (env().KEYHOLD_BACKEND !== "local") return { supported: false, services: [] };
  return { supported: true, services: (await listLocalVpcEndpointServices()).map(toView) };
}

export async function createVpcEndpointService(request: CreateVpcEndpointServiceRequest, actor: AuditActor): Promise<VpcEndpointService> {
  const created = await createLocalVpcEndpointService(ZCreateVpcEndpointServiceRequest.parse(request));
  await audit("CreateVpcEndpointService", created.name, actor);
  return toView(created);
}

export async function deleteVpcEndpointService(name: string, actor: AuditActor): Promise<void> {
  await deleteLocalVpcEndpointService(name);
  await audit("DeleteVpcEndpointService", name, actor);
}
