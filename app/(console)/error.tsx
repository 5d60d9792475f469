"use client";

import { RefreshCw, TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";

/** Shown inside the shell when a console page fails to render; never shows the raw error. */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Card className="mx-auto mt-10 w-full max-w-xl p-8 text-center">
      <span aria-hidden className="mx-auto flex size-12 items-center justify-center rounded-full bg-destructive-soft text-destructive">
        <TriangleAlert className="size-6" />
      </span>
      <h1 className="mt-4 text-xl font-bold">This page could not be loaded</h1>
      <p className="mt-1.5 text-sm text-muted-foreground">
        Something went wrong on our side. Try again; if it keeps happening, report the reference below.
      </p>
      {error.digest ? <p className="mt-3 font-mono text-xs text-muted-foreground">Reference: {error.digest}</p> : null}
      <Button variant="normal" className="mt-6" onClick={reset}>
        <RefreshCw aria-hidden />
        Try again
      </Button>
    </Card>
  );
}
