import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App, ViewerQuery } from './App';
import { consoleClient, tenantFromPath } from './api';
import { placeOf } from './router';
import { mayOpen, SCREENS } from './screens';
import './styles.css';

const client = consoleClient(tenantFromPath(window.location.pathname));
const place = placeOf(window.location);
const landing = SCREENS.find((s) => s.path === place.screen);

// The first screen waits for the viewer, for its own code, then for its own query. Ask for the viewer
// and the code side by side now, and for the screen's query the moment the viewer is known, instead
// of one after the other from inside React's renders. Answers land in urql's cache; errors are left
// to the screens, which ask again and show them.
const code = landing?.component.preload();
void client
  .query(ViewerQuery, {})
  .toPromise()
  .then(async ({ data }) => {
    const screen = await code;
    if (data && landing && mayOpen(landing, data.viewer)) screen?.prefetch?.(client, data.viewer, place);
  })
  .catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={client}>
      <App />
    </Provider>
  </StrictMode>,
);
