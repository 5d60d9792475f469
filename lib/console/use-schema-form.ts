"use client";

import { useState } from "react";
import type { z } from "zod";
import { isApiError } from "@/lib/api-client.ts";
import { zodFieldErrors } from "./zod-fields.ts";

/** Field errors by path (`tags.0.tagKey`), the shape of `ApiError.fields` and of `zodFieldErrors`. */
export type FieldErrors = Record<string, string | undefined>;

export type SchemaFormOptions = {
  /** A wizard's step index for an error path; undefined keeps the current step (e.g. the review explains it). */
  stepOf?: (field: string) => number | undefined;
};

/**
 * The one way a console form is built: its values, its field errors from the API's own zod schema
 * (`lib/schemas`) or from the server's `ApiError.fields` (the same paths), and, for a wizard, the step
 * it shows. Any errors shown, from either side, take a wizard to the step of the first bad field.
 */
export function useSchemaForm<V extends object>(initial: V | (() => V), options: SchemaFormOptions = {}) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrorsState] = useState<FieldErrors>({});
  const [step, setStep] = useState(0);

  /** Shows these errors (replacing the others) and moves a wizard to the first step holding one. */
  const showErrors = (next: FieldErrors) => {
    setErrorsState(next);
    if (!options.stepOf) return;
    const steps = Object.keys(next)
      .filter((f) => next[f])
      .map(options.stepOf)
      .filter((s): s is number => s !== undefined);
    if (steps.length) setStep(Math.min(...steps));
  };

  return {
    values,
    setValues,
    /** Sets one value and clears that field's error (the user is fixing it). */
    set: <K extends keyof V>(key: K, value: V[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      clearErrors(String(key));
    },
    errors,
    showErrors,
    clearErrors,
    step,
    setStep,
    /** Parses `value` with `schema`: the parsed value, or undefined with the errors shown. */
    check<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> | undefined {
      const r = schema.safeParse(value);
      showErrors(r.success ? {} : zodFieldErrors(r.error));
      return r.success ? r.data : undefined;
    },
    /** A wizard step checked against the whole request's schema: true when `fields` have no error (the others' are not shown). */
    checkFields(schema: z.ZodType, value: unknown, fields: readonly string[]): boolean {
      const r = schema.safeParse(value);
      const mine = r.success
        ? {}
        : Object.fromEntries(Object.entries(zodFieldErrors(r.error)).filter(([f]) => fields.includes(f.split(".")[0]!)));
      showErrors(mine);
      return Object.keys(mine).length === 0;
    },
    /** A mutation's `onError`: the server's field errors beside their fields (and their step). */
    showServerErrors: (e: unknown) => {
      showErrors(isApiError(e) && e.fields ? e.fields : {});
    },
  };

  function clearErrors(...fields: string[]) {
    setErrorsState((e) => {
      const hit = Object.keys(e).filter((f) => fields.some((x) => f === x || f.startsWith(`${x}.`)));
      return hit.length ? Object.fromEntries(Object.entries(e).filter(([f]) => !hit.includes(f))) : e;
    });
  }
}

/** A mutation's error for the form's alert: null when the server named the fields (shown beside them). */
export function formLevelError<E>(error: E | null | undefined): E | null {
  return error && !(isApiError(error) && error.fields) ? error : null;
}
