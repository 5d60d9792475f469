import type { ReactNode } from "react";
import { Card } from "@/components/ui/card.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { ErrorPanel } from "./error-panel.tsx";
import { PageHeader, type Crumb } from "./page-header.tsx";

/** A detail page whose item could not be loaded: the header with the ID asked for, and the error with Try again. */
export function DetailLoadError({
  breadcrumbs,
  id,
  error,
  title,
  onRetry,
}: {
  breadcrumbs: Crumb[];
  id: string;
  error: unknown;
  title: string;
  onRetry: () => void;
}) {
  return (
    <>
      <PageHeader breadcrumbs={breadcrumbs} title={id} />
      <Card>
        <ErrorPanel error={error} title={title} onRetry={onRetry} />
      </Card>
    </>
  );
}

/** A detail page while its item loads: the header, a skeleton of the general configuration, and any more skeleton cards. */
export function DetailLoading({ breadcrumbs, title, children }: { breadcrumbs: Crumb[]; title: string; children?: ReactNode }) {
  return (
    <>
      <PageHeader breadcrumbs={breadcrumbs} title={title} />
      <Card className="p-5" aria-busy>
        <div className="grid gap-4 sm:grid-cols-3">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="flex flex-col gap-1.5">
              <Skeleton className="h-3.5 w-24" />
              <Skeleton className="h-4 w-40" />
            </div>
          ))}
        </div>
      </Card>
      {children}
    </>
  );
}
