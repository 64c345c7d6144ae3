// The outcome of a rule that may throw a DomainError, shared by the invitation rule tests.
import { DomainError } from '../../src/shared/errors.js';

/** The DomainError a rule throws (code, message, details), or 'ok'. */
export function outcome(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
}
export const codeOf = (fn: () => unknown) => {
  const o = outcome(fn);
  return o === 'ok' ? 'ok' : o.code;
};
