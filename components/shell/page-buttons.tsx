import { ChevronLeft, ChevronRight } from "lucide-react";

const buttonClass =
  "flex size-7 cursor-pointer items-center justify-center rounded text-muted-foreground hover:bg-muted disabled:cursor-not-allowed disabled:opacity-40";

/** Previous page, "page / pages" (announced when it changes), next page: the tables' pagers. */
export function PageButtons({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  return (
    <>
      <button type="button" className={buttonClass} onClick={() => onPage(page - 1)} disabled={page <= 1} aria-label="Previous page">
        <ChevronLeft className="size-4" aria-hidden />
      </button>
      <span className="min-w-12 text-center text-sm" aria-live="polite">
        <span className="sr-only">Page </span>
        <span className="font-bold">{page}</span> / {pages}
      </span>
      <button type="button" className={buttonClass} onClick={() => onPage(page + 1)} disabled={page >= pages} aria-label="Next page">
        <ChevronRight className="size-4" aria-hidden />
      </button>
    </>
  );
}
