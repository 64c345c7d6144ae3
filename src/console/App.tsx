import { useQuery } from 'urql';
import { signOut } from './api';
import { graphql } from './gql';
import { BulkInvite } from './screens/BulkInvite';
import { Invitations } from './screens/Invitations';
import { Invite } from './screens/Invite';
import { Overview } from './screens/Overview';

const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer {
      displayName
      roles
      tenant {
        id
        name
      }
    }
  }
`);

/** The screens, by the path segment after /admin/<tenant>/. */
const SCREENS = [
  ['', 'Overview'],
  ['invite', 'Invite'],
  ['bulk', 'Bulk invite'],
  ['invitations', 'Invitations'],
] as const;

/** The console's frame: who is signed in where, sign-out, and the current screen. */
export function App({ tenantId }: { tenantId: string }) {
  const [{ data, error }] = useQuery({ query: ViewerQuery });
  if (error) return <Message text={errorText(error.graphQLErrors[0]?.extensions?.code, error.message)} />;
  if (!data) return <Message text="Loading…" />;
  const { viewer } = data;
  const screen = window.location.pathname.split('/')[3] ?? '';
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="bar">
        <span className="brand">{viewer.tenant.name}</span>
        <nav aria-label="Console">
          {SCREENS.map(([path, label]) => (
            <a key={path} href={`/admin/${tenantId}/${path}`} aria-current={path === screen ? 'page' : undefined}>
              {label}
            </a>
          ))}
        </nav>
        <span className="who">
          {viewer.displayName} ({viewer.roles.join(', ')})
        </span>
        <button type="button" onClick={() => void signOut(tenantId)}>
          Sign out
        </button>
      </header>
      <main id="main">
        {screen === 'invite' ? (
          <Invite mayGrantAccess={viewer.roles.includes('GlobalAdministrator')} />
        ) : screen === 'bulk' ? (
          <BulkInvite />
        ) : screen === 'invitations' ? (
          <Invitations />
        ) : (
          <Overview />
        )}
      </main>
    </>
  );
}

function Message({ text }: { text: string }) {
  return (
    <main id="main">
      <p role="status">{text}</p>
    </main>
  );
}

/** One readable text per API error code; the raw message only as a fallback. */
export function errorText(code: unknown, fallback: string): string {
  const texts: Record<string, string> = {
    FORBIDDEN: 'Your role does not allow this.',
    NOT_FOUND: 'Not found.',
    UNAUTHENTICATED: 'Your session ended; signing you in again…',
  };
  return (typeof code === 'string' && texts[code]) || fallback;
}
