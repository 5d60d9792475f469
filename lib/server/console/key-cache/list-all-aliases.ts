import "server-only";
import { ListAliasesCommand, type AliasListEntry, type KMSClient } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";

/** Every alias of the account and Region, or of one key when `keyId` is given (ListAliases, pages of 100). */
export async function listAllAliases(kms: KMSClient, keyId?: string): Promise<AliasListEntry[]> {
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListAliasesCommand({ KeyId: keyId, Marker: marker, Limit: 100 })));
    aliases.push(...(page.Aliases ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return aliases;
}
