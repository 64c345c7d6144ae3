import type { ErrorCode } from '../../shared/errors';

/** Every code the API can answer with (src/shared/errors.ts), and NETWORK: the gateway was not reached. */
export type ProblemCode = keyof typeof ErrorCode | 'NETWORK';

/** One language's text for every code: a code without one is a compile error. */
export type ProblemTexts = Readonly<Record<ProblemCode, string>>;
