/** A text filter as the API takes it: trimmed, and left out when blank. */
export function searchFilter<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const trimmed = text.trim();
  return trimmed ? ({ [key]: trimmed } as Partial<Record<K, string>>) : {};
}

/** A labelled search field of a filter form (`onChange`: through `pages.resetting`, so typing starts again at the first page). */
export function SearchField({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label>
      {label} <input type="search" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
