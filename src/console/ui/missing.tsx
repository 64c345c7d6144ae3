import type { ReactElement, ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { ErrorNote, problemOf } from '../errors';
import { Screen } from './Screen';

/** A detail screen's words for the states before its record is there: keys of its own catalogue. */
export type MissingKey = 'title' | 'loading' | 'notFound' | 'notFoundText';

/**
 * What a detail screen shows while it has no record: "not found" with the way back when the API has
 * no such id in this tenant (NOT_FOUND, which another tenant's id gets too, or an empty answer);
 * otherwise the screen under its plain title, loading or with the problem. A plain function, not a
 * component: it returns a `Screen`, so the heading stays the same element when the record arrives
 * and keeps the focus a move inside the console gave it.
 */
export function missingScreen(state: {
  error: CombinedError | undefined;
  /** The API answered, without the record. */
  answered: boolean;
  back: ReactNode;
  t: (key: MissingKey) => string;
}): ReactElement {
  const { error, answered, back, t } = state;
  if (answered || problemOf(error)?.code === 'NOT_FOUND')
    return (
      <Screen title={t('notFound')}>
        <p>{t('notFoundText')}</p>
        {back}
      </Screen>
    );
  return (
    <Screen title={t('title')}>
      <ErrorNote error={error} />
      {!error && <p role="status">{t('loading')}</p>}
      {back}
    </Screen>
  );
}
