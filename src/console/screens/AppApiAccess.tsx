import { type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { ApiScope } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import type { AppOfDetail } from './ApplicationDetail';
import { messages } from './AppApiAccess.messages';

const GrantMutation = graphql(`
  mutation ConsoleGrantApiAccess($applicationId: ID!, $scopes: [ApiScope!]!) {
    grantApiAccess(applicationId: $applicationId, scopes: $scopes) {
      scopes
      updatedAt
    }
  }
`);

const RevokeMutation = graphql(`
  mutation ConsoleRevokeApiAccess($applicationId: ID!) {
    revokeApiAccess(applicationId: $applicationId) {
      id
    }
  }
`);

/** The scopes as tokens name them; these are identifiers, not prose. */
const SCOPES: readonly { scope: ApiScope; name: string; about: 'readAll' | 'asUser' }[] = [
  { scope: 'DirectoryReadAll', name: 'Directory.Read.All', about: 'readAll' },
  { scope: 'DirectoryAccessAsUserAll', name: 'Directory.AccessAsUser.All', about: 'asUser' },
];

/** Admin consent for the app to call the gateway API as the users who sign in to it. */
export function AppApiAccess({ app, canManage, onChanged }: { app: AppOfDetail; canManage: boolean; onChanged: () => void }) {
  const t = useT(messages);
  const format = useFormat();
  const [granted, grant] = useMutation(GrantMutation);
  const [revoked, revoke] = useMutation(RevokeMutation);
  const current = app.apiAccess;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const scopes = new FormData(event.currentTarget).getAll('scopes').map(String) as ApiScope[];
    const outcome = await grant({ applicationId: app.id, scopes });
    if (!outcome.error) onChanged();
  }
  async function onRevoke() {
    if (!window.confirm(t('confirmRevoke', { name: app.displayName }))) return;
    const outcome = await revoke({ applicationId: app.id });
    if (!outcome.error) onChanged();
  }

  return (
    <section aria-labelledby="app-api">
      <h2 id="app-api">{t('apiAccess')}</h2>
      <p>
        {current
          ? t('granted', {
              scopes: current.scopes.map((s) => SCOPES.find((x) => x.scope === s)?.name ?? s).join(', '),
              at: format.dateTime(current.updatedAt),
            })
          : t('notGranted')}
      </p>
      <ErrorNote error={granted.error ?? revoked.error} />
      {canManage && (
        <form key={current?.updatedAt ?? 'none'} className="form" onSubmit={(e) => void submit(e)}>
          <fieldset>
            <legend>{t('scopes')}</legend>
            {SCOPES.map((s) => (
              <label key={s.scope} className="choice">
                <input type="checkbox" name="scopes" value={s.scope} defaultChecked={current?.scopes.includes(s.scope) ?? false} />{' '}
                <code>{s.name}</code> <span className="muted">{t(s.about)}</span>
              </label>
            ))}
          </fieldset>
          <p>
            <button type="submit" disabled={granted.fetching}>
              {t('grant')}
            </button>{' '}
            {current && (
              <button type="button" onClick={() => void onRevoke()} aria-label={t('revokeWho', { name: app.displayName })}>
                {t('revoke')}
              </button>
            )}
          </p>
        </form>
      )}
    </section>
  );
}
