import type { CombinedError } from 'urql';
import { problemTexts } from './errors.messages';
import { translate, useLanguage } from './i18n';
import type { Message } from './plural';

/**
 * The one mapping from the API's `extensions.code` to what an administrator reads. In English the
 * API's own message is the most specific text there is; in the other languages the code's text from
 * errors.messages.ts (every code, every language), or the API's message for a code this console does
 * not know yet. The code is shown beside it for support, never a stack.
 */
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
    const texts: Readonly<Record<string, Message>> = problemTexts[language];
    const translated = Object.hasOwn(texts, problem.code) ? translate(language, texts[problem.code]!) : null;
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
