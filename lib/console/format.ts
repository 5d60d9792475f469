// Display formats shared by the console's pages.

// Dates are shown in the browser's time zone; the server's render (and the browser's first, which must
// match it) shows them in UTC, which reads the same on every machine (components/shell/local-time.tsx).
export type DisplayZone = "local" | "UTC";

const formats = {
  long: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" },
  // hourCycle, not hour12: false, which gives "24:52" for 00:52 in Node 20 (and "00:52" in the browser: a hydration mismatch).
  short: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  full: { dateStyle: "full", timeStyle: "long" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateFormat = keyof typeof formats;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(format: DateFormat, zone: DisplayZone): Intl.DateTimeFormat {
  const key = `${format}:${zone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...formats[format], ...(zone === "UTC" ? { timeZone: "UTC" } : {}) });
    formatters.set(key, f);
  }
  return f;
}

/** A date as `format` in `zone`; the short form says "UTC" when it is not the reader's own zone. */
export function formatDate(iso: string | null | undefined, format: DateFormat, zone: DisplayZone = "local"): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "—";
  const text = formatter(format, zone).format(d);
  return format === "short" && zone === "UTC" ? `${text} UTC` : text;
}

/** A compact date and time for table cells (the full one, with time zone, beside it for assistive technology). */
export function formatDateShort(iso: string | undefined, zone: DisplayZone = "local"): string {
  return formatDate(iso, "short", zone);
}

export function formatDateTime(iso: string | null | undefined, zone: DisplayZone = "local"): string {
  return formatDate(iso, "long", zone);
}

const ORIGIN_LABELS: Record<string, string> = {
  AWS_KMS: "AWS KMS",
  AWS_CLOUDHSM: "AWS CloudHSM",
  EXTERNAL: "External (imported)",
  EXTERNAL_KEY_STORE: "External key store",
};

export function originLabel(origin: string): string {
  return ORIGIN_LABELS[origin] ?? origin;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How long ago, compactly ("just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago"). */
export function formatAge(iso: string | null | undefined, now: number): string {
  if (!iso) return "never";
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 3) return "just now";
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}
