import "server-only";
import type { XksVpcEndpointService } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

// Local VPC endpoint services: a named entry that points at a proxy URL (what an NLB behind an
// endpoint service would reach), with the properties KMS checks of a real one. The local service reads
// them on create, update and connect of a VPC_ENDPOINT_SERVICE store (xks-proxy-of-store.ts).

export type NewVpcEndpointService = {
  name: string;
  proxyUrl: string;
  privateDnsName: string;
  privateDnsVerified: boolean;
  acceptanceRequired: boolean;
  allowsKms: boolean;
};

export function listVpcEndpointServices(): Promise<XksVpcEndpointService[]> {
  return db().xksVpcEndpointService.findMany({ orderBy: { createdAt: "asc" } });
}

export async function createVpcEndpointService(input: NewVpcEndpointService): Promise<XksVpcEndpointService> {
  try {
    return await db().xksVpcEndpointService.create({ data: { ...input, ownerAccountId: env().KEYHOLD_ACCOUNT_ID } });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    throw new AppError({
      code: "EntityAlreadyExists",
      safeMessage: `A VPC endpoint service named ${input.name} already exists.`,
      fields: { name: "This name is taken." },
    });
  }
}

/** Deletes the entry; a store that names it then fails as KMS fails on a deleted endpoint service (NOT_FOUND). */
export async function deleteVpcEndpointService(name: string): Promise<void> {
  const { count } = await db().xksVpcEndpointService.deleteMany({ where: { name } });
  if (!count) throw new AppError({ code: "NotFoundException", safeMessage: `There is no VPC endpoint service named ${name}.` });
}
