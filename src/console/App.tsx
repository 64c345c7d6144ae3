import { Suspense, useState } from 'react';
import { useQuery } from 'urql';
import { signOut } from './api';
import { ErrorNote } from './errors';
import { graphql } from './gql';
import { messages } from './App.messages';
import { initialLanguage, type Language, LanguageProvider, rememberLanguage, SUPPORTED_LANGUAGES, useT } from './i18n';
import { hrefOf, Link, usePlace } from './router';
import { SCREENS } from './screens';
import { navLabels } from './screens/nav.messages';
import { Screen } from './ui/Screen';

const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer {
      id
      displayName
      roles
      permissions
      tenant {
        id
        name
      }
    }
  }
`);

/** The console: the language it speaks, then the frame around the current screen. */
export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const choose = (next: Language) => {
    rememberLanguage(next);
    setLanguage(next);
  };
  return (
    <LanguageProvider value={language}>
      <Frame language={language} onLanguage={choose} />
    </LanguageProvider>
  );
}

/** Who is signed in where, the screens their permissions open, sign-out, and the current screen. */
function Frame({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const t = useT(messages);
  const nav = useT(navLabels);
  const place = usePlace();
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  if (error)
    return (
      <main id="main">
        <ErrorNote error={error} />
      </main>
    );
  if (!data)
    return (
      <main id="main">
        <p role="status">{t('loading')}</p>
      </main>
    );
  const { viewer } = data;
  const allowed = SCREENS.filter((s) => s.permission === null || viewer.permissions.includes(s.permission));
  const screen = SCREENS.find((s) => s.path === place.screen);
  const Current = screen && allowed.includes(screen) ? screen.component : null;
  return (
    <>
      <a className="skip" href="#main">
        {t('skip')}
      </a>
      <header className="bar">
        <span className="brand">{viewer.tenant.name}</span>
        <nav aria-label={t('nav')}>
          {allowed.map((s) => (
            <Link key={s.path} href={hrefOf(place.tenantId, s.path)} aria-current={s === screen ? 'page' : undefined}>
              {nav(s.label)}
            </Link>
          ))}
        </nav>
        <label className="who">
          {t('language')}{' '}
          <select value={language} onChange={(e) => onLanguage(e.target.value as Language)}>
            {SUPPORTED_LANGUAGES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <span className="muted">
          {viewer.displayName} ({viewer.roles.join(', ')})
        </span>
        <button type="button" onClick={() => void signOut(place.tenantId)}>
          {t('signOut')}
        </button>
      </header>
      <main id="main">
        {Current ? (
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Current key={place.screen} viewer={viewer} place={place} />
          </Suspense>
        ) : (
          <Screen title={screen ? t('forbidden') : t('notFound')}>
            <p>{screen ? t('forbiddenText') : t('notFoundText')}</p>
          </Screen>
        )}
      </main>
    </>
  );
}
