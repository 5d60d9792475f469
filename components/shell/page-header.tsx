import { ChevronRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";

export type Crumb = { label: string; href?: string };

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumbs">
      <ol className="flex flex-wrap items-center gap-1.5 text-sm">
        {items.map((c, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${c.label}-${i}`} className="flex items-center gap-1.5">
              {c.href && !last ? (
                <Link href={c.href} className="text-link hover:text-link-hover hover:underline">
                  {c.label}
                </Link>
              ) : (
                <span aria-current={last ? "page" : undefined} className="text-muted-foreground">
                  {c.label}
                </span>
              )}
              {last ? null : <ChevronRight className="size-3.5 text-muted-foreground" aria-hidden />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export type PageHeaderProps = {
  breadcrumbs: Crumb[];
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  info?: ReactNode;
};

/** Breadcrumbs, the page's h1, a one-line description and the page-level actions. */
export function PageHeader({ breadcrumbs, title, description, actions, info }: PageHeaderProps) {
  return (
    <div className="flex flex-col gap-3">
      <Breadcrumbs items={breadcrumbs} />
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0 max-w-3xl">
          <h1 className="flex flex-wrap items-center gap-x-3 text-[28px] leading-9 font-bold tracking-tight [overflow-wrap:anywhere]">
            {title}
            {info}
          </h1>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex max-w-full min-w-0 flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
    </div>
  );
}
