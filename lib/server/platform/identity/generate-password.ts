import "server-only";
import crypto from "node:crypto";

// Unambiguous characters only (no 0/O, 1/l/I), so a password read off a terminal can be typed.
const LOWER = "abcdefghijkmnopqrstuvwxyz";
const UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS = "23456789";
const ALL = LOWER + UPPER + DIGITS;

/** A random password of `groups` groups of five characters joined by "-" (default ≈ 119 bits). */
export function generatePassword(groups = 4): string {
  const chars = Array.from({ length: groups * 5 }, () => ALL[crypto.randomInt(ALL.length)]!);
  // At least one of each class, at distinct random positions.
  const positions = new Set<number>();
  while (positions.size < 3) positions.add(crypto.randomInt(chars.length));
  const [a, b, c] = [...positions] as [number, number, number];
  chars[a] = LOWER[crypto.randomInt(LOWER.length)]!;
  chars[b] = UPPER[crypto.randomInt(UPPER.length)]!;
  chars[c] = DIGITS[crypto.randomInt(DIGITS.length)]!;
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += 5) out.push(chars.slice(i, i + 5).join(""));
  return out.join("-");
}
