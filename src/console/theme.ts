/**
 * The console's colours: the system's (auto), light or dark, chosen in the header and remembered in
 * this browser. Applied as `data-theme` on <html>; theme-boot.js sets it before the first paint, with
 * the same storage key. styles.css holds the colours.
 */
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'console.theme';

export function currentTheme(): Theme {
  const theme = document.documentElement.dataset.theme;
  return (THEMES as readonly string[]).includes(theme ?? '') ? (theme as Theme) : 'auto';
}

export function chooseTheme(theme: Theme): void {
  window.localStorage.setItem(STORAGE_KEY, theme);
  document.documentElement.dataset.theme = theme;
}
