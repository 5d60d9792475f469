import "server-only";

// IAM's wildcards in actions, resources and String/ArnLike values: * is any run of characters
// (also none), ? is exactly one. Compiled patterns are kept, a bounded number of them.

const MAX_CACHED = 2_000;
const compiled = new Map<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? "i" : "s"}${pattern}`;
  let re = compiled.get(cacheKey);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(cacheKey, re);
  }
  return re;
}

/** Whether `value` matches `pattern`; case-sensitive unless asked (actions are not case sensitive). */
export function wildcardMatches(pattern: string, value: string, { ignoreCase = false } = {}): boolean {
  if (!pattern.includes("*") && !pattern.includes("?"))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return compile(pattern, ignoreCase).test(value);
}
