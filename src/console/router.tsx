import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useState } from 'react';

/**
 * The console's addresses: /admin/<tenant>/<screen>/<params…>. Links change the address without a
 * page load (the session, the cache and any form state stay); Back and Forward work as usual.
 */
export interface Place {
  readonly tenantId: string;
  /** The screen's path segment ('' for the overview). */
  readonly screen: string;
  /** The segments after the screen, decoded (e.g. a user's id). */
  readonly params: readonly string[];
  readonly search: URLSearchParams;
}

export function placeOf(location: Pick<Location, 'pathname' | 'search'>): Place {
  const [, , tenantId = '', screen = '', ...params] = location.pathname.split('/');
  return { tenantId, screen, params: params.filter(Boolean).map(decodeURIComponent), search: new URLSearchParams(location.search) };
}

/** The href of a screen of this tenant's console. */
export function hrefOf(tenantId: string, screen: string, ...params: string[]): string {
  return `/admin/${tenantId}/${[screen, ...params.map(encodeURIComponent)].filter(Boolean).join('/')}`;
}

const EVENT = 'console:navigate';

/** A move inside the console asks the next screen to take focus; the first page load does not. */
let focusRequested = false;

/** Whether the screen now rendering should move focus to its heading (asked once per move). */
export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

export function navigate(href: string): void {
  focusRequested = true;
  window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(EVENT));
  window.scrollTo(0, 0);
}

/** The current place; re-renders on Link clicks, navigate() and Back/Forward. */
export function usePlace(): Place {
  const [place, setPlace] = useState(() => placeOf(window.location));
  useEffect(() => {
    const update = () => setPlace(placeOf(window.location));
    const back = () => {
      focusRequested = true;
      update();
    };
    window.addEventListener('popstate', back);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', back);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return place;
}

/** An ordinary link (new tab, copy address, keyboard) that navigates in place on a plain click. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
