/* global window, document */
// The chosen theme on <html> before the first paint (no flash): a classic script in <head>, so it
// runs before the body is parsed. Plain JavaScript, copied as is; theme.ts is the rest.
var theme = 'auto';
try {
  theme = window.localStorage.getItem('console.theme') || 'auto';
} catch {
  // Storage refused (a privacy setting): the system's colours.
}
document.documentElement.dataset.theme = theme === 'light' || theme === 'dark' ? theme : 'auto';
