import { type MouseEvent, Suspense, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { signOut } from './api';
import { ErrorNote } from './errors';
import { graphql } from './gql';
import { messages } from './App.messages';
import { directoryRoleLabels } from './enum-labels/directory';
import { initialLanguage, type Language, LanguageProvider, rememberLanguage, useT } from './i18n';
import { hrefOf, Link, usePlace } from './router';
import { mayOpen, SCREENS } from './screens';
import { navLabels } from './screens/nav.messages';
import { chooseTheme, currentTheme, type Theme, THEMES } from './theme';
import { LanguageOptions } from './ui/LanguageOptions';
import { Screen } from './ui/Screen';

export const ViewerQuery = graphql(`
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
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
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

/** The skip link moves focus itself: a hash link alone scrolls but leaves focus behind. */
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** Who is signed in where, the screens their permissions open, preferences, sign-out, and the current screen. */
function Frame({ language, onLanguage }: { language: Language; onLanguage: (language: Language) => void }) {
  const t = useT(messages);
  const nav = useT(navLabels);
  const role = useT(directoryRoleLabels);
  const place = usePlace();
  const [theme, setTheme] = useState<Theme>(currentTheme);
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  if (error)
    return (
      <main id="main" tabIndex={-1}>
        <ErrorNote error={error} />
      </main>
    );
  if (!data)
    return (
      <main id="main" tabIndex={-1}>
        <p role="status">{t('loading')}</p>
      </main>
    );
  const { viewer } = data;
  const allowed = SCREENS.filter((s) => mayOpen(s, viewer));
  const screen = SCREENS.find((s) => s.path === place.screen);
  const Current = screen && allowed.includes(screen) ? screen.component : null;
  return (
    <>
      <a className="skip" href="#main" onClick={skipToMain}>
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
        <div className="prefs">
          <label>
            {t('language')}{' '}
            <select value={language} onChange={(e) => onLanguage(e.target.value as Language)}>
              <LanguageOptions />
            </select>
          </label>
          <label>
            {t('theme')}{' '}
            <select
              value={theme}
              onChange={(e) => {
                chooseTheme(e.target.value as Theme);
                setTheme(e.target.value as Theme);
              }}
            >
              {THEMES.map((th) => (
                <option key={th} value={th}>
                  {t(th)}
                </option>
              ))}
            </select>
          </label>
          <span>
            {viewer.displayName} ({viewer.roles.map((r) => role(r)).join(', ')})
          </span>
          <button type="button" onClick={() => void signOut(place.tenantId)}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
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
