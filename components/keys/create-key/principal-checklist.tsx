"use client";

import { Skeleton } from "@/components/ui/skeleton.tsx";
import type { PrincipalListResponse } from "@/lib/schemas/keys.ts";

/** Console users (as IAM principals) to tick, e.g. key administrators or key users. */
export function PrincipalChecklist({
  principals,
  selected,
  onChange,
  label,
}: {
  principals: PrincipalListResponse["principals"] | undefined;
  selected: string[];
  onChange: (arns: string[]) => void;
  label: string;
}) {
  if (!principals) return <Skeleton className="h-16 w-full" />;
  return (
    <fieldset className="rounded-lg border border-border">
      <legend className="sr-only">{label}</legend>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-border bg-muted/60 text-xs text-muted-foreground">
            <th scope="col" className="w-10 px-3 py-2">
              <span className="sr-only">Selected</span>
            </th>
            <th scope="col" className="px-3 py-2 font-bold">
              User
            </th>
            <th scope="col" className="px-3 py-2 font-bold">
              Principal ARN
            </th>
            <th scope="col" className="px-3 py-2 font-bold">
              Console role
            </th>
          </tr>
        </thead>
        <tbody>
          {principals.map((p) => {
            const checked = selected.includes(p.principalArn);
            return (
              <tr key={p.principalArn} className="border-b border-border last:border-0">
                <td className="px-3 py-2">
                  <input
                    type="checkbox"
                    className="size-4 accent-[var(--color-link)]"
                    checked={checked}
                    aria-label={`${label}: ${p.userName}`}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...selected, p.principalArn] : selected.filter((a) => a !== p.principalArn))
                    }
                  />
                </td>
                <td className="px-3 py-2 font-bold">{p.userName}</td>
                <td className="px-3 py-2 font-mono text-xs">{p.principalArn}</td>
                <td className="px-3 py-2 capitalize">{p.role}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
