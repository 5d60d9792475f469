import type { HTMLAttributes, ReactNode } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card.tsx";

export type SectionCardProps = Omit<HTMLAttributes<HTMLDivElement>, "title"> & {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons or links on the right of the header. */
  actions?: ReactNode;
  /** Render children straight under the header (lists and tables with their own padding). */
  bare?: boolean;
};

/** A titled card on a detail page: header with title, description and actions, then its content. */
export function SectionCard({ title, description, actions, bare, children, ...props }: SectionCardProps) {
  return (
    <Card {...props}>
      <CardHeader>
        <div>
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {actions}
      </CardHeader>
      {bare ? children : <CardContent>{children}</CardContent>}
    </Card>
  );
}
