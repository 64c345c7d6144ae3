import type { CombinedError } from 'urql';
import type { ErrorCode } from '../shared/errors';
import { type Language, useLanguage } from './i18n';

/**
 * The one mapping from the API's `extensions.code` to what an administrator reads. In English the
 * API's own message is the most specific text there is; in the other languages a code with a
 * translation here shows it, and any other code keeps the API's message. The code is shown beside it
 * for support, never a stack.
 */
type Code = keyof typeof ErrorCode;

// TODO(console i18n): every code a console screen can meet, in all 11 languages (defineMessages).
const texts: Partial<Record<Language, Partial<Record<Code | 'NETWORK', string>>>> = {
  en: { NETWORK: 'The gateway could not be reached. Try again.' },
};

export interface ApiProblem {
  readonly code: string;
  readonly message: string;
  /** The input field the API names, when it names one. */
  readonly field: string | null;
}

/** The first problem of a failed operation, or null. */
export function problemOf(error: CombinedError | null | undefined): ApiProblem | null {
  if (!error) return null;
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'NETWORK', message: error.message, field: null };
  const details = first.extensions?.details as { field?: unknown } | undefined;
  return {
    code: String(first.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
    message: first.message,
    field: typeof details?.field === 'string' ? details.field : null,
  };
}

/** The readable text of a problem in the console's language. */
export function useProblemText(): (problem: ApiProblem) => string {
  const language = useLanguage();
  return (problem) => {
    const translated = texts[language]?.[problem.code as Code] ?? null;
    const text = language === 'en' && problem.code !== 'NETWORK' ? problem.message : (translated ?? problem.message);
    return problem.code === 'NETWORK' ? text : `${text} (${problem.code})`;
  };
}

/** A failed operation's problem as an alert; nothing when there is none. */
export function ErrorNote({ error }: { error: CombinedError | null | undefined }) {
  const text = useProblemText();
  const problem = problemOf(error);
  return problem ? <p role="alert">{text(problem)}</p> : null;
}
