import { type FormEvent, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useDraft } from '../drafts';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import type { InviteUserInput } from '../gql/graphql';
import { type Translate, useT } from '../i18n';
import { Field } from '../ui/Field';
import { LanguageOptions } from '../ui/LanguageOptions';
import { Screen } from '../ui/Screen';
import { messages } from './Invite.messages';
import type { ScreenProps } from '.';

const PickersQuery = graphql(`
  query ConsoleInvitePickers {
    applications(first: 100) {
      nodes {
        id
        displayName
        usableByPeople
      }
    }
    groups(first: 100) {
      nodes {
        id
        displayName
      }
    }
  }
`);

const InviteMutation = graphql(`
  mutation ConsoleInviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      id
      email
      status
    }
  }
`);

/** The field an API error belongs to: the error's own `details.field`, else by its code. */
const FIELD_OF_CODE: Record<string, keyof InviteUserInput> = {
  INVALID_EMAIL: 'email',
  CONSUMER_EMAIL_NOT_SUPPORTED: 'email',
  EMAIL_DOMAIN_OWNED_BY_TENANT: 'email',
  DOMAIN_NOT_ALLOWED: 'email',
  USER_ALREADY_MEMBER: 'email',
  GUEST_ALREADY_ACCEPTED: 'email',
  REDIRECT_URL_NOT_ALLOWED: 'redirectUrl',
  UNSUPPORTED_LANGUAGE: 'language',
  TOO_MANY_CC_RECIPIENTS: 'ccEmailAddress',
};

/**
 * Invite one person. Apps and groups are offered only to a role that may grant them on invite, and only
 * apps a person can use (the API refuses the others). What was typed survives a sign-in in between (the
 * form's draft, src/console/drafts.ts). A sent invitation empties the form for the next person; a second
 * submit while one is in flight sends nothing.
 */
export function Invite({ viewer }: ScreenProps) {
  const t = useT(messages);
  const problemText = useProblemText();
  const draft = useDraft('invite');
  const mayGrantAccess = viewer.permissions.includes('GrantAccessOnInvite');
  const [pickers] = useQuery({ query: PickersQuery, pause: !mayGrantAccess });
  const [result, invite] = useMutation(InviteMutation);
  const [done, setDone] = useState<string | null>(null);
  const sending = useRef(false);
  const found = problemOf(result.error);
  const problem = found && { field: found.field ?? FIELD_OF_CODE[found.code] ?? '', message: problemText(found) };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending.current) return;
    const element = event.currentTarget;
    const form = new FormData(element);
    const text = (name: string) => String(form.get(name) ?? '').trim() || null;
    const expiry = text('accessExpiresAt');
    const input: InviteUserInput = {
      email: String(form.get('email') ?? '').trim(),
      displayName: text('displayName'),
      redirectUrl: text('redirectUrl'),
      invitationText: text('invitationText'),
      ccEmailAddress: text('ccEmailAddress'),
      language: text('language'),
      accessExpiresAt: expiry ? new Date(expiry).toISOString() : null,
      ...(mayGrantAccess
        ? { applicationIds: form.getAll('applicationIds').map(String), groupIds: form.getAll('groupIds').map(String) }
        : {}),
    };
    setDone(null);
    sending.current = true;
    const outcome = await invite({ input });
    sending.current = false;
    if (!outcome.data) return;
    element.reset();
    setDone(outcome.data.inviteUser.email);
  }

  const field = (name: keyof InviteUserInput, label: string, type = 'text', required = false) => {
    const error = problem?.field === name ? problem.message : null;
    return (
      <Field id={name} label={label} error={error}>
        {(control) => <input {...control} name={name} type={type} required={required} />}
      </Field>
    );
  };

  return (
    <Screen title={t('title')}>
      {draft.restored && !done && <p role="status">{t('restored')}</p>}
      {done && <p role="status">{t('sent', { email: done })}</p>}
      {problem && !problem.field && <p role="alert">{problem.message}</p>}
      <form {...draft.form} onSubmit={(e) => void submit(e)} className="form">
        {field('email', t('email'), 'email', true)}
        {field('displayName', t('displayName'))}
        {field('redirectUrl', t('redirectUrl'), 'url')}
        <p className="field">
          <label htmlFor="invitationText">{t('message')}</label>
          <textarea id="invitationText" name="invitationText" rows={3} />
        </p>
        {field('ccEmailAddress', t('cc'), 'email')}
        <p className="field">
          <label htmlFor="language">{t('language')}</label>
          <select id="language" name="language" defaultValue="en">
            <LanguageOptions />
          </select>
        </p>
        {field('accessExpiresAt', t('expiry'), 'datetime-local')}
        {mayGrantAccess && pickers.data && (
          <>
            <Choices
              t={t}
              legend={t('applications')}
              name="applicationIds"
              options={pickers.data.applications.nodes.filter((a) => a.usableByPeople)}
            />
            <Choices t={t} legend={t('groups')} name="groupIds" options={pickers.data.groups.nodes} />
          </>
        )}
        <button type="submit" disabled={result.fetching}>
          {t('submit')}
        </button>
      </form>
    </Screen>
  );
}

interface ChoicesProps {
  t: Translate<keyof (typeof messages)['en']>;
  legend: string;
  name: string;
  options: { id: string; displayName: string }[];
}

function Choices({ t, legend, name, options }: ChoicesProps) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.length === 0 && <p>{t('none')}</p>}
      {options.map((o) => (
        <label key={o.id} className="choice">
          <input type="checkbox" name={name} value={o.id} /> {o.displayName}
        </label>
      ))}
    </fieldset>
  );
}
