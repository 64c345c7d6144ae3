import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import type { RegisterIdentityProviderInput } from '../gql/graphql';
import { useFormat, useT } from '../i18n';
import { CopyButton } from '../ui/CopyButton';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './SettingsIdentityProviders.messages';

const ProvidersQuery = graphql(`
  query ConsoleIdentityProviders {
    identityProviders {
      id
      issuer
      clientId
      domains
      createdAt
    }
    tenant {
      id
      domains
    }
  }
`);

const RegisterMutation = graphql(`
  mutation ConsoleRegisterIdentityProvider($input: RegisterIdentityProviderInput!) {
    registerIdentityProvider(input: $input) {
      id
      issuer
    }
  }
`);

const RemoveMutation = graphql(`
  mutation ConsoleRemoveIdentityProvider($id: ID!) {
    removeIdentityProvider(id: $id)
  }
`);

type Row = NonNullable<ReturnType<typeof useProviders>[0]['data']>['identityProviders'][number];
const useProviders = () => useQuery({ query: ProvidersQuery });
type Name = keyof RegisterIdentityProviderInput;

/** The field an error without `details.field` belongs to, by its code. */
const FIELD_OF_CODE: Record<string, Name> = { FEDERATION_FAILED: 'issuer', CONFLICT: 'domains' };
const EMPTY: Record<Name, string> = { issuer: '', clientId: '', clientSecret: '', domains: '' };

/** The tenant's own OpenID providers, where its people sign in when another tenant invites them. */
export function SettingsIdentityProviders({ viewer }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const text = useProblemText();
  const mayChange = viewer.permissions.includes('ManageTenant');
  const [{ data, error }, refetch] = useProviders();
  const [registered, register] = useMutation(RegisterMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const [form, setForm] = useState(EMPTY);
  const [done, setDone] = useState<string | null>(null);
  const problem = problemOf(registered.error);
  const problemField = problem ? (problem.field ?? FIELD_OF_CODE[problem.code] ?? null) : null;
  const errorOf = (name: Name) => (problem && problemField === name ? text(problem) : null);
  const redirectUri = `${window.location.origin}/federation/callback`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const input = { ...form, domains: form.domains.split(/[\s,]+/).filter(Boolean) };
    const result = await register({ input });
    if (result.data) {
      setForm(EMPTY);
      setDone(t('registered', { issuer: result.data.registerIdentityProvider.issuer }));
      refetch({ requestPolicy: 'network-only' });
    }
  }

  async function onRemove(row: Row) {
    if (!window.confirm(t('confirmRemove', { issuer: row.issuer }))) return;
    setDone(null);
    const result = await remove({ id: row.id });
    if (result.data) setDone(t('removed', { issuer: row.issuer }));
    refetch({ requestPolicy: 'network-only' });
  }

  const input = (name: Name, type = 'text', hint?: string) => (
    <Field id={`idp-${name}`} label={t(name)} hint={hint} error={errorOf(name)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          required
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          value={form[name]}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <Screen title={t('title')}>
      <p className="muted">{t('intro')}</p>
      <p>
        {t('redirectUri')} <code>{redirectUri}</code> <CopyButton text={redirectUri} what={t('redirectUri')} />
      </p>
      <div aria-live="polite">{done && <p role="status">{done}</p>}</div>
      <ErrorNote error={error ?? removed.error} />
      {data && (
        <DataTable<Row>
          caption={t('title')}
          rows={data.identityProviders}
          rowKey={(p) => p.id}
          empty={t('none')}
          columns={[
            { header: t('issuer'), cell: (p) => p.issuer },
            { header: t('clientId'), cell: (p) => p.clientId },
            { header: t('domains'), cell: (p) => p.domains.join(', ') },
            { header: t('since'), cell: (p) => format.dateTime(p.createdAt) },
            {
              header: t('actions'),
              cell: (p) =>
                mayChange && (
                  <button type="button" onClick={() => void onRemove(p)} aria-label={t('removeWhat', { issuer: p.issuer })}>
                    {t('remove')}
                  </button>
                ),
            },
          ]}
        />
      )}
      {mayChange && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="idp-register">
          <h2 id="idp-register">{t('register')}</h2>
          {input('issuer', 'url')}
          {input('clientId')}
          {input('clientSecret', 'password', t('secretHint'))}
          {input('domains', 'text', t('domainsHint', { domains: data?.tenant.domains.join(', ') || '—' }))}
          {problem && !problemField && <p role="alert">{text(problem)}</p>}
          <p>
            <button type="submit" disabled={registered.fetching}>
              {t('registerButton')}
            </button>
          </p>
        </form>
      )}
    </Screen>
  );
}
