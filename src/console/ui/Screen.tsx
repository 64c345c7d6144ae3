import { type ReactNode, useEffect, useId, useRef } from 'react';
import { takeFocusRequest } from '../router';

/**
 * A screen: its heading (also the document title) and its content, as one labelled region. After a
 * move inside the console the heading takes focus, so a screen reader announces the new page and
 * the next Tab starts there; a screen whose code loads lazily does this once it has rendered.
 */
export function Screen({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · b2b-gateway`;
  }, [title]);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus();
  }, []);
  return (
    <section aria-labelledby={id}>
      <h1 id={id} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
