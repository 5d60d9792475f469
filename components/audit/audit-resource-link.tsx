import Link from "next/link";

/** A resource of an event, linked to its console page where it has one (keys, key stores, clusters). */
export function AuditResourceLink({ resource }: { resource: string }) {
  const key = /:key\/([^/]+)$/.exec(resource)?.[1];
  const href = key
    ? `/keys/${encodeURIComponent(key)}`
    : resource.startsWith("cks-")
      ? `/key-stores/${encodeURIComponent(resource)}`
      : resource.startsWith("cluster-") || resource.startsWith("hsm-")
        ? "/clusters"
        : undefined;
  const label = key ?? resource;
  return href ? (
    <Link href={href} className="font-mono text-xs break-all text-link underline">
      {label}
    </Link>
  ) : (
    <span className="font-mono text-xs break-all">{label}</span>
  );
}
