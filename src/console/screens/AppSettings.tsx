import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import type { AppOfDetail } from './ApplicationDetail';
import { messages } from './AppSettings.messages';
import { linesOf } from './CreateApplication';

const UpdateMutation = graphql(`
  mutation ConsoleUpdateApplication($id: ID!, $input: UpdateApplicationInput!) {
    updateApplication(id: $id, input: $input) {
      id
      replyUrls
      assignmentRequired
    }
  }
`);

const FIELD_OF_CODE: Record<string, string> = { INVALID_REPLY_URL: 'replyUrls' };

/** Reply URLs and "assignment required": a form for who may manage apps, plain text for the others. */
export function AppSettings({ app, canManage, onChanged }: { app: AppOfDetail; canManage: boolean; onChanged: () => void }) {
  const t = useT(messages);
  const problemText = useProblemText();
  const [result, update] = useMutation(UpdateMutation);
  const [saved, setSaved] = useState(false);
  const problem = problemOf(result.error);
  const field = problem ? (problem.field ?? FIELD_OF_CODE[problem.code] ?? '') : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setSaved(false);
    const outcome = await update({
      id: app.id,
      input: { replyUrls: linesOf(String(data.get('replyUrls') ?? '')), assignmentRequired: data.get('assignmentRequired') === 'on' },
    });
    if (outcome.data) {
      setSaved(true);
      onChanged();
    }
  }

  return (
    <section aria-labelledby="app-settings">
      <h2 id="app-settings">{t('settings')}</h2>
      {canManage ? (
        <form key={`${app.replyUrls.join('\n')}|${app.assignmentRequired}`} className="form" onSubmit={(e) => void submit(e)}>
          {problem && !field && <p role="alert">{problemText(problem)}</p>}
          <Field
            id="replyUrls"
            label={t('replyUrls')}
            hint={t('replyUrlsHint')}
            error={field === 'replyUrls' && problem ? problemText(problem) : null}
          >
            {(control) => <textarea {...control} name="replyUrls" rows={4} defaultValue={app.replyUrls.join('\n')} />}
          </Field>
          <label className="choice">
            <input type="checkbox" name="assignmentRequired" defaultChecked={app.assignmentRequired} /> {t('assignmentRequired')}
          </label>
          <p className="muted">{t('assignmentRequiredHint')}</p>
          <p>
            <button type="submit" disabled={result.fetching}>
              {t('save')}
            </button>{' '}
            <span role="status">{saved ? t('saved') : ''}</span>
          </p>
        </form>
      ) : (
        <dl className="facts">
          <dt>{t('replyUrls')}</dt>
          <dd>{app.replyUrls.length ? app.replyUrls.join(', ') : t('noneSet')}</dd>
          <dt>{t('assignmentRequired')}</dt>
          <dd>{app.assignmentRequired ? t('yes') : t('no')}</dd>
        </dl>
      )}
    </section>
  );
}
