import { type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { AppRoleMemberType } from '../gql/graphql';
import { useT } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import type { AppOfDetail } from './ApplicationDetail';
import { messages } from './AppExposedApi.messages';
import { linesOf } from './CreateApplication';

const ExposeMutation = graphql(`
  mutation ConsoleExposeApi($applicationId: ID!, $input: ExposeApiInput!) {
    exposeApi(applicationId: $applicationId, input: $input) {
      identifierUri
      updatedAt
    }
  }
`);

const RemoveMutation = graphql(`
  mutation ConsoleRemoveExposedApi($applicationId: ID!) {
    removeExposedApi(applicationId: $applicationId) {
      id
    }
  }
`);

type Exposed = NonNullable<AppOfDetail['exposedApi']>;
type Scope = Exposed['scopes'][number];
type Role = Exposed['appRoles'][number];

const MEMBER_TYPES: readonly AppRoleMemberType[] = ['User', 'Application'];

/** `value | text | …` lines; a leading `!` disables the entry. */
function entries(text: string): { enabled: boolean; parts: string[] }[] {
  return linesOf(text).map((line) => {
    const enabled = !line.startsWith('!');
    return { enabled, parts: (enabled ? line : line.slice(1)).split('|').map((p) => p.trim()) };
  });
}

const scopeLine = (s: Scope) => `${s.enabled ? '' : '!'}${s.value} | ${s.adminConsentDescription}`;
const roleLine = (r: Role) => `${r.enabled ? '' : '!'}${r.value} | ${r.displayName} | ${r.allowedMemberTypes.join(', ')}`;

/** The API the app exposes (Entra's "Expose an API" and "App roles"): its identifier, scopes and app roles. */
export function AppExposedApi({ app, canManage, onChanged }: { app: AppOfDetail; canManage: boolean; onChanged: () => void }) {
  const t = useT(messages);
  const [saved, expose] = useMutation(ExposeMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const api = app.exposedApi;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const scopes = entries(String(data.get('apiScopes') ?? '')).map(({ enabled, parts: [value = '', description = ''] }) => ({
      value,
      adminConsentDescription: description,
      enabled,
    }));
    const appRoles = entries(String(data.get('apiRoles') ?? '')).map(({ enabled, parts: [value = '', displayName = '', types = ''] }) => ({
      value,
      displayName,
      allowedMemberTypes: MEMBER_TYPES.filter((m) => types.toLowerCase().includes(m.toLowerCase())),
      enabled,
    }));
    const outcome = await expose({
      applicationId: app.id,
      input: { identifierUri: String(data.get('identifierUri') ?? ''), scopes, appRoles },
    });
    if (!outcome.error) onChanged();
  }
  async function onRemove() {
    if (!window.confirm(t('confirmRemove', { name: app.displayName }))) return;
    const outcome = await remove({ applicationId: app.id });
    if (!outcome.error) onChanged();
  }

  const state = (enabled: boolean) => (enabled ? t('enabled') : t('disabled'));
  return (
    <section aria-labelledby="app-exposed-api">
      <h2 id="app-exposed-api">{t('title')}</h2>
      {api ? (
        <>
          <dl className="facts">
            <dt>{t('identifier')}</dt>
            <dd>
              <code>{api.identifierUri}</code>
            </dd>
          </dl>
          <DataTable<Scope>
            caption={t('scopes')}
            rows={api.scopes}
            rowKey={(s) => s.value}
            empty={t('noScopes')}
            columns={[
              { header: t('value'), cell: (s) => <code>{s.value}</code> },
              { header: t('description'), cell: (s) => s.adminConsentDescription },
              { header: t('state'), cell: (s) => state(s.enabled) },
            ]}
          />
          <DataTable<Role>
            caption={t('appRoles')}
            rows={api.appRoles}
            rowKey={(r) => r.value}
            empty={t('noRoles')}
            columns={[
              { header: t('value'), cell: (r) => <code>{r.value}</code> },
              { header: t('displayName'), cell: (r) => r.displayName },
              { header: t('members'), cell: (r) => r.allowedMemberTypes.join(', ') },
              { header: t('state'), cell: (r) => state(r.enabled) },
            ]}
          />
        </>
      ) : (
        <p>{t('notExposed')}</p>
      )}
      <ErrorNote error={saved.error ?? removed.error} />
      {canManage && (
        <form key={api?.updatedAt ?? 'none'} className="form" onSubmit={(e) => void submit(e)}>
          <Field id="identifierUri" label={t('identifier')}>
            {(control) => <input {...control} name="identifierUri" defaultValue={api?.identifierUri ?? `api://${app.appId}`} />}
          </Field>
          <Field id="apiScopes" label={t('scopes')} hint={t('scopesHint')}>
            {(control) => <textarea {...control} name="apiScopes" rows={4} defaultValue={api?.scopes.map(scopeLine).join('\n') ?? ''} />}
          </Field>
          <Field id="apiRoles" label={t('appRoles')} hint={t('rolesHint')}>
            {(control) => <textarea {...control} name="apiRoles" rows={4} defaultValue={api?.appRoles.map(roleLine).join('\n') ?? ''} />}
          </Field>
          <p>
            <button type="submit" disabled={saved.fetching}>
              {t('save')}
            </button>{' '}
            {api && (
              <button type="button" onClick={() => void onRemove()} aria-label={t('removeWho', { name: app.displayName })}>
                {t('remove')}
              </button>
            )}
          </p>
        </form>
      )}
    </section>
  );
}
