import "server-only";
import { wildcardMatches } from "./wildcard.ts";

// The Condition element of a key-policy statement, evaluated as IAM does: every operator block and
// every key in it must hold (AND); a key's policy values are alternatives (OR). Operators:
// String(Not)Equals(IgnoreCase), String(Not)Like, Arn(Not)Equals, Arn(Not)Like, Bool, Null and
// Numeric*, each with an optional ForAnyValue: / ForAllValues: prefix and an IfExists suffix.
//
// A key the request does not have: Null decides by it; …IfExists, ForAllValues: and the negated
// operators (StringNotEquals, …) hold; everything else fails. Condition key names are not case
// sensitive; values are, except for the …IgnoreCase operators and Bool.
//
// An operator this service does not know (Date*, IpAddress, Binary…) makes the block "unsupported":
// the caller then fails closed, an Allow statement does not apply and a Deny statement does.

/** A request's values for a condition key (given in lower case); undefined when the request has none. */
export type ConditionValues = (key: string) => readonly string[] | undefined;

export type ConditionResult = boolean | "unsupported";

type Operator = { negated: boolean; matches: (value: string, policyValue: string) => boolean };

const numeric = (f: (a: number, b: number) => boolean) => (v: string, p: string) => {
  const a = Number(v);
  const b = Number(p);
  return v.trim() !== "" && p.trim() !== "" && !Number.isNaN(a) && !Number.isNaN(b) && f(a, b);
};

const equals = (v: string, p: string) => v === p;
const equalsIgnoreCase = (v: string, p: string) => v.toLowerCase() === p.toLowerCase();

const OPERATORS: Record<string, Operator> = {
  stringequals: { negated: false, matches: equals },
  stringnotequals: { negated: true, matches: equals },
  stringequalsignorecase: { negated: false, matches: equalsIgnoreCase },
  stringnotequalsignorecase: { negated: true, matches: equalsIgnoreCase },
  stringlike: { negated: false, matches: (v, p) => wildcardMatches(p, v) },
  stringnotlike: { negated: true, matches: (v, p) => wildcardMatches(p, v) },
  arnequals: { negated: false, matches: (v, p) => wildcardMatches(p, v) },
  arnlike: { negated: false, matches: (v, p) => wildcardMatches(p, v) },
  arnnotequals: { negated: true, matches: (v, p) => wildcardMatches(p, v) },
  arnnotlike: { negated: true, matches: (v, p) => wildcardMatches(p, v) },
  bool: { negated: false, matches: equalsIgnoreCase },
  numericequals: { negated: false, matches: numeric((a, b) => a === b) },
  numericnotequals: { negated: true, matches: numeric((a, b) => a === b) },
  numericlessthan: { negated: false, matches: numeric((a, b) => a < b) },
  numericlessthanequals: { negated: false, matches: numeric((a, b) => a <= b) },
  numericgreaterthan: { negated: false, matches: numeric((a, b) => a > b) },
  numericgreaterthanequals: { negated: false, matches: numeric((a, b) => a >= b) },
};

/** Policy values as strings: a string, number or boolean, or a list of them. */
function policyValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => ["string", "number", "boolean"].includes(typeof v)).map(String);
}

type ParsedOperator = { set?: "foranyvalue" | "forallvalues"; base: string; ifExists: boolean };

function parseOperator(name: string): ParsedOperator {
  let rest = name.toLowerCase();
  let set: ParsedOperator["set"];
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    if (prefix === "foranyvalue" || prefix === "forallvalues") set = prefix;
    else return { base: "", ifExists: false };
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith("ifexists") && rest !== "ifexists";
  return { set, base: ifExists ? rest.slice(0, -"ifexists".length) : rest, ifExists };
}

function keyHolds(op: ParsedOperator, operator: Operator, requestValues: readonly string[] | undefined, expected: string[]): boolean {
  if (requestValues === undefined || requestValues.length === 0) {
    return op.ifExists || op.set === "forallvalues" || (op.set === undefined && operator.negated);
  }
  const positive = (v: string) => expected.some((p) => operator.matches(v, p));
  if (op.set === "forallvalues") return requestValues.every((v) => positive(v) !== operator.negated);
  if (op.set === "foranyvalue") return requestValues.some((v) => positive(v) !== operator.negated);
  return requestValues.some(positive) !== operator.negated;
}

/** Whether a statement's Condition holds for a request (true when there is no Condition). */
export function conditionHolds(condition: unknown, values: ConditionValues): ConditionResult {
  if (condition === undefined) return true;
  if (typeof condition !== "object" || condition === null || Array.isArray(condition)) return "unsupported";
  let unsupported = false;
  for (const [operatorName, block] of Object.entries(condition)) {
    if (typeof block !== "object" || block === null || Array.isArray(block)) {
      unsupported = true;
      continue;
    }
    const op = parseOperator(operatorName);
    if (op.base === "null") {
      for (const [key, value] of Object.entries(block)) {
        const absent = (values(key.toLowerCase())?.length ?? 0) === 0;
        if (!policyValues(value).some((p) => (p.toLowerCase() === "true") === absent)) return false;
      }
      continue;
    }
    const operator = OPERATORS[op.base];
    if (!operator) {
      unsupported = true;
      continue;
    }
    for (const [key, value] of Object.entries(block)) {
      if (!keyHolds(op, operator, values(key.toLowerCase()), policyValues(value))) return false;
    }
  }
  return unsupported ? "unsupported" : true;
}
