"use client";

import { FileJson, Upload } from "lucide-react";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { readProxyConfigurationFile } from "./xks-form.ts";

/**
 * "Upload configuration file": the JSON an XKS proxy generates for the KMS console (its URI path and
 * credential). Read in the browser; its values fill the fields, which stay editable.
 */
export function ProxyConfigUpload({
  onLoaded,
}: {
  onLoaded: (values: { pathPrefix: string; accessKeyId: string; secretAccessKey: string }) => void;
}) {
  const inputId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<{ name: string; error?: string }>();
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={ref}
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="sr-only"
          aria-label="Proxy configuration file"
          data-testid="proxy-config-file"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (!file) return;
            if (file.size > 10_000)
              return setStatus({ name: file.name, error: "This file is too large to be a proxy configuration file." });
            const text = await file.text();
            const read = text.trim() ? readProxyConfigurationFile(text) : { error: `${file.name} is empty.` };
            if ("error" in read) return setStatus({ name: file.name, error: read.error });
            setStatus({ name: file.name });
            onLoaded(read);
          }}
        />
        <Button variant="normal" onClick={() => ref.current?.click()} aria-controls={inputId}>
          <Upload aria-hidden />
          Upload configuration file
        </Button>
        {status && !status.error ? (
          <span className="inline-flex items-center gap-1.5 text-sm">
            <FileJson className="size-4 text-muted-foreground" aria-hidden />
            <span className="font-bold">{status.name}</span>
            <span className="text-muted-foreground">— path and credential filled in below</span>
          </span>
        ) : null}
      </div>
      {status?.error ? (
        <p className="text-sm text-destructive" role="alert">
          {status.error}
        </p>
      ) : null}
    </div>
  );
}
