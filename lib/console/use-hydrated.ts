"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False during the server's render and the browser's hydration of it, true from the render after: what
 * differs between server and browser (the time zone) is rendered only once this is true, so hydration
 * never sees a mismatch.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
