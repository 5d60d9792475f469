"use client";

import { FileCheck2, Upload } from "lucide-react";
import { useId, useRef } from "react";
import { Button } from "@/components/ui/button.tsx";

/**
 * Choose customerCA.crt: reads the file as text in the browser (it is a public certificate) and hands
 * it to the form, which validates it with the same schema as the API.
 */
export function TrustAnchorUpload({
  fileName,
  pem,
  onLoaded,
  describedBy,
  invalid,
}: {
  fileName?: string;
  pem: string;
  onLoaded: (file: { name: string; text: string }) => void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const inputId = useId();
  const ref = useRef<HTMLInputElement>(null);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={ref}
          id={inputId}
          type="file"
          accept=".crt,.pem,.cer,application/x-x509-ca-cert,application/x-pem-file,text/plain"
          className="sr-only"
          aria-label="Trust anchor certificate file"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-testid="trust-anchor-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            // Larger than any certificate: read only enough to let the schema say it is too long.
            const text = file.size > 20_000 ? `${await file.slice(0, 20_000).text()}` : await file.text();
            onLoaded({ name: file.name, text });
            e.target.value = "";
          }}
        />
        <Button variant="normal" onClick={() => ref.current?.click()} aria-controls={inputId}>
          <Upload aria-hidden />
          Choose file
        </Button>
        {fileName ? (
          <span className="inline-flex items-center gap-1.5 text-sm">
            <FileCheck2 className="size-4 text-muted-foreground" aria-hidden />
            <span className="font-bold">{fileName}</span>
            <span className="text-muted-foreground">({pem.length.toLocaleString("en-US")} characters)</span>
          </span>
        ) : (
          <span className="text-sm text-muted-foreground">No file chosen</span>
        )}
      </div>
    </div>
  );
}
