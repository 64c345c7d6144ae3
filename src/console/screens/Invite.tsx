import { type FormEvent, useState } from 'react';
import { type CombinedError, useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { InviteUserInput } from '../gql/graphql';
import type { ScreenProps } from '.';

const PickersQuery = graphql(`
  query ConsoleInvitePickers {
    applications(first: 100) {
      nodes {
        id
        displayName
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

const LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt-BR', 'ru', 'zh-HANS', 'zh-HANT'];

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

function fieldError(error: CombinedError | undefined): { field: string; message: string } | null {
  const first = error?.graphQLErrors[0];
  if (!first) return error ? { field: '', message: error.message } : null;
  const code = String(first.extensions?.code ?? '');
  const details = first.extensions?.details as { field?: string } | undefined;
  return { field: details?.field ?? FIELD_OF_CODE[code] ?? '', message: `${first.message} (${code})` };
}

/** Invite one person. Apps and groups are offered only to a role that may grant them on invite. */
export function Invite({ viewer }: ScreenProps) {
  const mayGrantAccess = viewer.permissions.includes('GrantAccessOnInvite');
  const [pickers] = useQuery({ query: PickersQuery, pause: !mayGrantAccess });
  const [result, invite] = useMutation(InviteMutation);
  const [done, setDone] = useState<string | null>(null);
  const problem = fieldError(result.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
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
    const outcome = await invite({ input });
    if (outcome.data) setDone(outcome.data.inviteUser.email);
  }

  const field = (name: keyof InviteUserInput, label: string, type = 'text', required = false) => {
    const error = problem?.field === name ? problem.message : null;
    return (
      <p className="field">
        <label htmlFor={name}>{label}</label>
        <input
          id={name}
          name={name}
          type={type}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        {error && (
          <span className="error" id={`${name}-error`}>
            {error}
          </span>
        )}
      </p>
    );
  };

  return (
    <section aria-labelledby="invite-title">
      <h1 id="invite-title">Invite one person</h1>
      {done && <p role="status">Invitation sent to {done}.</p>}
      {problem && !problem.field && <p role="alert">{problem.message}</p>}
      <form onSubmit={(e) => void submit(e)} className="form">
        {field('email', 'Email address', 'email', true)}
        {field('displayName', 'Name')}
        {field('redirectUrl', 'Where to go after accepting (URL)', 'url')}
        <p className="field">
          <label htmlFor="invitationText">Message</label>
          <textarea id="invitationText" name="invitationText" rows={3} />
        </p>
        {field('ccEmailAddress', 'Copy to (email)', 'email')}
        <p className="field">
          <label htmlFor="language">Language</label>
          <select id="language" name="language" defaultValue="en">
            {LANGUAGES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </p>
        {field('accessExpiresAt', 'Access ends (optional)', 'datetime-local')}
        {mayGrantAccess && pickers.data && (
          <>
            <Choices legend="Applications" name="applicationIds" options={pickers.data.applications.nodes} />
            <Choices legend="Groups" name="groupIds" options={pickers.data.groups.nodes} />
          </>
        )}
        <button type="submit" disabled={result.fetching}>
          Send invitation
        </button>
      </form>
    </section>
  );
}

function Choices({ legend, name, options }: { legend: string; name: string; options: { id: string; displayName: string }[] }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.length === 0 && <p>None yet.</p>}
      {options.map((o) => (
        <label key={o.id} className="choice">
          <input type="checkbox" name={name} value={o.id} /> {o.displayName}
        </label>
      ))}
    </fieldset>
  );
}
