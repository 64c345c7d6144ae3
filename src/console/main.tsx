import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './App';
import { consoleClient, tenantFromPath } from './api';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Provider value={consoleClient(tenantFromPath(window.location.pathname))}>
      <App />
    </Provider>
  </StrictMode>,
);
