// A change made from a screen: sent, then the screen's queries refreshed, and a refusal kept with
// the fields it names so that the form shows each at its field (CONVENTIONS.md, Front end: "show
// each error next to its field"). The incident page and the rapid-response screens share it.
import { useState } from 'react';

export interface Action {
  pending: boolean;
  error: Error | null;
  /** The fields the refusal names, each with its message. */
  fields: ReadonlyMap<string, string>;
  /** Sends `send`; true when it succeeded (the queries refreshed). */
  run: (send: () => Promise<unknown>) => Promise<boolean>;
  /** Shows a refusal made in the browser. */
  fail: (e: Error) => void;
  reset: () => void;
}

/** A change: `refresh` after each success, `fieldsOf` reads a refusal's fields. */
export function useChange(refresh: () => Promise<unknown>, fieldsOf: (e: unknown) => ReadonlyMap<string, string>): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [fields, setFields] = useState<ReadonlyMap<string, string>>(new Map());
  const fail = (e: unknown): void => {
    setFields(fieldsOf(e));
    setError(e instanceof Error ? e : new Error(String(e)));
  };
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    setFields(new Map());
    try {
      await send();
      await refresh();
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setPending(false);
    }
  };
  return {
    pending,
    error,
    fields,
    run,
    fail,
    reset: () => {
      setError(null);
      setFields(new Map());
    },
  };
}
