import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import { SecretOnce } from '../ui/SecretOnce';
import type { AppOfDetail } from './ApplicationDetail';
import { messages } from './AppSecrets.messages';

const AddMutation = graphql(`
  mutation ConsoleAddApplicationSecret($applicationId: ID!, $input: AddApplicationSecretInput!) {
    addApplicationSecret(applicationId: $applicationId, input: $input) {
      secretText
      secret {
        id
        displayName
      }
    }
  }
`);

const RemoveMutation = graphql(`
  mutation ConsoleRemoveApplicationSecret($applicationId: ID!, $secretId: ID!) {
    removeApplicationSecret(applicationId: $applicationId, secretId: $secretId) {
      id
    }
  }
`);

type Secret = AppOfDetail['secrets'][number];

/** The end of the chosen day in the administrator's time zone, as the API's instant. */
const endOfDay = (date: string) => new Date(`${date}T23:59:59`).toISOString();

/**
 * The app's client secrets: metadata and the first characters only. A new secret's value is shown
 * once, from the mutation's answer; removing one asks first, and it stops working at once.
 */
export function AppSecrets({ app, canManage, onChanged }: { app: AppOfDetail; canManage: boolean; onChanged: () => void }) {
  const t = useT(messages);
  const format = useFormat();
  const problemText = useProblemText();
  const [added, add] = useMutation(AddMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const [fresh, setFresh] = useState<{ name: string; text: string } | null>(null);
  const problem = problemOf(added.error);
  const expiryError = problem?.field === 'expiresAt' ? problemText(problem) : null;
  const nameError = problem?.field === 'displayName' ? problemText(problem) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const name = String(data.get('secretName') ?? '').trim();
    const expiry = String(data.get('secretExpiry') ?? '');
    setFresh(null);
    const outcome = await add({
      applicationId: app.id,
      input: { ...(name ? { displayName: name } : {}), ...(expiry ? { expiresAt: endOfDay(expiry) } : {}) },
    });
    const payload = outcome.data?.addApplicationSecret;
    if (!payload) return;
    setFresh({ name: payload.secret.displayName, text: payload.secretText });
    form.reset();
    onChanged();
  }

  async function onRemove(secret: Secret) {
    if (!window.confirm(t('confirmRemove', { name: secret.displayName, hint: secret.hint }))) return;
    const outcome = await remove({ applicationId: app.id, secretId: secret.id });
    if (!outcome.error) onChanged();
  }

  return (
    <section aria-labelledby="app-secrets">
      <h2 id="app-secrets">{t('title')}</h2>
      {fresh && <SecretOnce title={t('newSecret', { name: fresh.name })} secret={fresh.text} />}
      <ErrorNote error={removed.error} />
      <DataTable<Secret>
        caption={t('title')}
        rows={app.secrets}
        rowKey={(s) => s.id}
        empty={t('none')}
        columns={[
          { header: t('name'), cell: (s) => s.displayName },
          { header: t('hint'), cell: (s) => (s.hint ? <code>{s.hint}…</code> : '—') },
          { header: t('createdAt'), cell: (s) => format.dateTime(s.createdAt) },
          { header: t('expiresAt'), cell: (s) => (s.expiresAt ? format.dateTime(s.expiresAt) : t('never')) },
          ...(canManage
            ? [
                {
                  header: t('actions'),
                  cell: (s: Secret) => (
                    <button
                      type="button"
                      onClick={() => void onRemove(s)}
                      aria-label={t('removeWho', { name: s.displayName, hint: s.hint })}
                    >
                      {t('remove')}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="app-secret-add">
          <h3 id="app-secret-add">{t('add')}</h3>
          {problem && !expiryError && !nameError && <p role="alert">{problemText(problem)}</p>}
          <Field id="secretName" label={t('name')} hint={t('nameHint')} error={nameError}>
            {(control) => <input {...control} name="secretName" maxLength={256} />}
          </Field>
          <Field id="secretExpiry" label={t('expiresAt')} hint={t('expiryHint')} error={expiryError}>
            {(control) => <input {...control} name="secretExpiry" type="date" />}
          </Field>
          <p>
            <button type="submit" disabled={added.fetching}>
              {t('add')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
