import { defineMessages, useT } from '../i18n';

/** A from/to pair as the inputs hold it: local date-times (`2026-12-06T15:30`), '' when open. */
export interface TimeRange {
  readonly from: string;
  readonly to: string;
}

/** The range as the API's filter fields: ISO instants, the open ends left out. */
export function timeFilter({ from, to }: TimeRange): { from?: string; to?: string } {
  const iso = (local: string) => {
    const at = local ? new Date(local) : null;
    return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
  };
  return { ...(iso(from) ? { from: iso(from) } : {}), ...(iso(to) ? { to: iso(to) } : {}) };
}

const messages = defineMessages({
  en: { from: 'From', to: 'To' },
  de: { from: 'Von', to: 'Bis' },
  es: { from: 'Desde', to: 'Hasta' },
  fr: { from: 'Du', to: 'Au' },
  it: { from: 'Dal', to: 'Al' },
  ja: { from: '開始', to: '終了' },
  ko: { from: '시작', to: '종료' },
  'pt-BR': { from: 'De', to: 'Até' },
  ru: { from: 'С', to: 'По' },
  'zh-HANS': { from: '从', to: '至' },
  'zh-HANT': { from: '從', to: '至' },
});

/** Two labelled date-time fields of a filter form; the API refuses `to` before `from` (INVALID_TIME_RANGE). */
export function TimeRangeFields({ range, onChange }: { range: TimeRange; onChange: (range: TimeRange) => void }) {
  const t = useT(messages);
  return (
    <>
      <label>
        {t('from')} <input type="datetime-local" value={range.from} onChange={(e) => onChange({ ...range, from: e.target.value })} />
      </label>
      <label>
        {t('to')} <input type="datetime-local" value={range.to} onChange={(e) => onChange({ ...range, to: e.target.value })} />
      </label>
    </>
  );
}
