"use client";

import { useEffect, useState } from "react";

/** The current time, re-read every `everyMs`, so "checked 5 s ago" keeps counting without a refetch. */
export function useNow(everyMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}
