import { useState } from 'react';
import type { CombinedError, OperationResult } from 'urql';

/**
 * One-click actions of a screen (a mutation each): asks first when given a question, then keeps what
 * the last one came to, a sentence for a `role="status"` or the API's refusal, and whether one runs.
 * `place` names where a refusal belongs (e.g. beside a field); null: the section's own alert.
 */
export function useActions() {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ error: CombinedError; place: string | null } | null>(null);

  async function run(action: {
    confirm?: string;
    perform: () => Promise<OperationResult>;
    done: string;
    place?: string;
  }): Promise<boolean> {
    if (action.confirm && !window.confirm(action.confirm)) return false;
    setBusy(true);
    setDone(null);
    setFailure(null);
    const outcome = await action.perform();
    setBusy(false);
    if (outcome.error) setFailure({ error: outcome.error, place: action.place ?? null });
    else setDone(action.done);
    return !outcome.error;
  }

  return { busy, done, failure, run };
}
