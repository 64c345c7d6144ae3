import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Field } from '../ui/Field';
import { SecretOnce } from '../ui/SecretOnce';
import { messages } from './Applications.messages';

const CreateMutation = graphql(`
  mutation ConsoleCreateApplication($input: CreateApplicationInput!) {
    createApplication(input: $input) {
      clientSecret
      application {
        id
        displayName
      }
    }
  }
`);

/** The field of the form an API error belongs to: the error's own `details.field`, else by its code. */
const FIELD_OF_CODE: Record<string, string> = { INVALID_REPLY_URL: 'replyUrls' };

/** One URL a line (blank lines ignored). */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Registers an app. Its client secret comes back once, in the mutation's answer, and lives only in
 * this component's state: a reload or leaving the page loses it, and no query can fetch it again.
 */
export function CreateApplication({ tenantId, onCreated }: { tenantId: string; onCreated: () => void }) {
  const t = useT(messages);
  const problemText = useProblemText();
  const [result, create] = useMutation(CreateMutation);
  const [created, setCreated] = useState<{ id: string; name: string; secret: string } | null>(null);
  const problem = problemOf(result.error);
  const field = problem ? (problem.field ?? FIELD_OF_CODE[problem.code] ?? '') : null;
  const errorOf = (name: string) => (problem && field === name ? problemText(problem) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    const outcome = await create({
      input: {
        displayName: String(data.get('displayName') ?? '').trim(),
        replyUrls: linesOf(String(data.get('replyUrls') ?? '')),
        assignmentRequired: data.get('assignmentRequired') === 'on',
      },
    });
    const payload = outcome.data?.createApplication;
    if (!payload) return;
    setCreated({ id: payload.application.id, name: payload.application.displayName, secret: payload.clientSecret });
    form.reset();
    onCreated();
  }

  return (
    <>
      {created && (
        <>
          <p role="status">{t('createdNote', { name: created.name })}</p>
          <SecretOnce title={t('secretOf', { name: created.name })} secret={created.secret} />
          <p>
            <Link href={hrefOf(tenantId, 'apps', created.id)}>{t('open', { name: created.name })}</Link>
          </p>
        </>
      )}
      <h2>{t('create')}</h2>
      {problem && !field && <p role="alert">{problemText(problem)}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field id="displayName" label={t('name')} error={errorOf('displayName')}>
          {(control) => <input {...control} name="displayName" required maxLength={256} />}
        </Field>
        <Field id="replyUrls" label={t('replyUrls')} hint={t('replyUrlsHint')} error={errorOf('replyUrls')}>
          {(control) => <textarea {...control} name="replyUrls" rows={3} />}
        </Field>
        <label className="choice">
          <input type="checkbox" name="assignmentRequired" defaultChecked /> {t('assignmentRequired')}
        </label>
        <p>
          <button type="submit" disabled={result.fetching}>
            {t('create')}
          </button>
        </p>
      </form>
    </>
  );
}
