import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App';
import { consoleClient, tenantFromPath } from './api';
import './styles.css';

const tenantId = tenantFromPath(window.location.pathname);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={consoleClient(tenantId)}>
      <App tenantId={tenantId} />
    </Provider>
  </StrictMode>,
);
