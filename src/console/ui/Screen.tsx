import { type ReactNode, useEffect, useId } from 'react';

/** A screen: its heading (also the document title) and its content, as one labelled region. */
export function Screen({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  useEffect(() => {
    document.title = `${title} · b2b-gateway`;
  }, [title]);
  return (
    <section aria-labelledby={id}>
      <h1 id={id}>{title}</h1>
      {children}
    </section>
  );
}
