"use client";

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ButtonHTMLAttributes,
  type CSSProperties,
  type HTMLAttributes,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";
import { cn } from "@/lib/utils.ts";

// A menu button following the WAI-ARIA menu pattern, without a Radix dependency: Enter, Space or
// ArrowDown opens it on the first item (ArrowUp on the last), arrows/Home/End move, Escape closes and
// returns focus to the trigger, Tab or a click outside closes it.

type MenuContext = {
  open: boolean;
  setOpen: (open: boolean, focus?: "first" | "last" | "trigger") => void;
  triggerRef: RefObject<HTMLButtonElement | null>;
  contentRef: RefObject<HTMLDivElement | null>;
  triggerId: string;
  contentId: string;
};

const Ctx = createContext<MenuContext | null>(null);

function useMenu(): MenuContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error("DropdownMenu parts must be inside <DropdownMenu>");
  return ctx;
}

function items(content: HTMLElement | null): HTMLElement[] {
  return content ? Array.from(content.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')) : [];
}

export function DropdownMenu({ children }: { children: ReactNode }) {
  const [open, setOpenState] = useState(false);
  const [pendingFocus, setPendingFocus] = useState<"first" | "last" | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const setOpen = useCallback((next: boolean, focus?: "first" | "last" | "trigger") => {
    setOpenState(next);
    if (next) setPendingFocus(focus === "last" ? "last" : "first");
    else if (focus === "trigger") triggerRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open || !pendingFocus) return;
    const list = items(contentRef.current);
    (pendingFocus === "last" ? list.at(-1) : list[0])?.focus();
    // Focus moves once the items exist (after the render that opened the menu); then the request is done.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setPendingFocus(null);
  }, [open, pendingFocus]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!contentRef.current?.contains(target) && !triggerRef.current?.contains(target)) setOpenState(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open]);

  const value = useMemo(
    () => ({ open, setOpen, triggerRef, contentRef, triggerId: `${id}-trigger`, contentId: `${id}-menu` }),
    [open, setOpen, id],
  );
  return (
    <Ctx.Provider value={value}>
      <div className="relative inline-flex">{children}</div>
    </Ctx.Provider>
  );
}

export function DropdownMenuTrigger({ className, onClick, onKeyDown, ...props }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { open, setOpen, triggerRef, triggerId, contentId } = useMenu();
  return (
    <button
      ref={triggerRef}
      id={triggerId}
      type="button"
      aria-haspopup="menu"
      aria-expanded={open}
      aria-controls={open ? contentId : undefined}
      className={className}
      onClick={(e) => {
        onClick?.(e);
        setOpen(!open);
      }}
      onKeyDown={(e) => {
        onKeyDown?.(e);
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          setOpen(true, e.key === "ArrowUp" ? "last" : "first");
        }
      }}
      {...props}
    />
  );
}

export function DropdownMenuContent({
  className,
  align = "end",
  fixed = false,
  children,
  style,
  ...props
}: HTMLAttributes<HTMLDivElement> & {
  align?: "start" | "end";
  /** Place the menu against the viewport, so a scrolling container (a table's) does not clip it. */
  fixed?: boolean;
}) {
  const { open, setOpen, triggerRef, contentRef, triggerId, contentId } = useMenu();
  const [place, setPlace] = useState<CSSProperties>();

  useLayoutEffect(() => {
    if (!open || !fixed) return;
    const update = () => {
      const r = triggerRef.current?.getBoundingClientRect();
      if (!r) return;
      // 6px = mt-1.5 of the absolute placement; right is measured from the viewport's right edge.
      setPlace(
        align === "end"
          ? { top: r.bottom + 6, right: document.documentElement.clientWidth - r.right }
          : { top: r.bottom + 6, left: r.left },
      );
    };
    update();
    window.addEventListener("scroll", update, true);
    window.addEventListener("resize", update);
    return () => {
      window.removeEventListener("scroll", update, true);
      window.removeEventListener("resize", update);
    };
  }, [open, fixed, align, triggerRef]);

  if (!open) return null;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = items(contentRef.current);
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        move(index + 1);
        break;
      case "ArrowUp":
        e.preventDefault();
        move(index - 1);
        break;
      case "Home":
        e.preventDefault();
        move(0);
        break;
      case "End":
        e.preventDefault();
        move(list.length - 1);
        break;
      case "Escape":
        e.preventDefault();
        setOpen(false, "trigger");
        break;
      case "Tab":
        setOpen(false);
        break;
    }
  };

  return (
    <div
      ref={contentRef}
      id={contentId}
      role="menu"
      aria-labelledby={triggerId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className={cn(
        "z-50 min-w-56 overflow-hidden rounded-lg border border-border bg-card py-1 text-foreground shadow-popover",
        fixed ? "fixed" : cn("absolute top-full mt-1.5", align === "end" ? "right-0" : "left-0"),
        className,
      )}
      style={fixed ? { ...place, ...style } : style}
      {...props}
    >
      {children}
    </div>
  );
}

export function DropdownMenuItem({
  className,
  onSelect,
  disabled,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLDivElement>, "onSelect"> & { onSelect?: () => void; disabled?: boolean }) {
  const { setOpen } = useMenu();
  const select = () => {
    if (disabled) return;
    setOpen(false, "trigger");
    onSelect?.();
  };
  return (
    <div
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          select();
        }
      }}
      className={cn(
        "flex cursor-pointer items-center gap-2 px-3.5 py-2 text-sm outline-none select-none [&_svg]:size-4 [&_svg]:text-muted-foreground",
        "hover:bg-muted focus:bg-selected focus:text-link aria-disabled:cursor-not-allowed aria-disabled:opacity-50",
        className,
      )}
      {...props}
    >
      {children}
    </div>
  );
}

export function DropdownMenuLabel({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div className={cn("px-3.5 py-2", className)} {...props} />;
}

export function DropdownMenuSeparator({ className }: { className?: string }) {
  return <div role="separator" className={cn("my-1 h-px bg-border", className)} />;
}
