import "server-only";
import { DescribeKeyCommand, type KMSClient, type KeyMetadata } from "@aws-sdk/client-kms";
import { sdkError } from "@/lib/server/console/aws/sdk-error.ts";

/**
 * DescribeKey for each id, 16 at a time; keys deleted since they were listed are left out, and so are
 * keys the caller may not describe when `skipDenied` is set (their key policy does not let it).
 */
export async function describeKeys(
  kms: KMSClient,
  ids: string[],
  { skipDenied = false }: { skipDenied?: boolean } = {},
): Promise<KeyMetadata[]> {
  const out: KeyMetadata[] = [];
  const BATCH = 16;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = await Promise.all(
      ids.slice(i, i + BATCH).map(async (id) => {
        try {
          return (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
        } catch (e) {
          // Deleted between ListKeys and DescribeKey: not a key any more.
          const name = (e as { name?: string }).name;
          if (name === "NotFoundException" || (skipDenied && name === "AccessDeniedException")) return undefined;
          throw sdkError(e);
        }
      }),
    );
    for (const m of batch) if (m) out.push(m);
  }
  return out;
}
