import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Field } from '../ui/Field';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './CreateMember.messages';

const CreateUserMutation = graphql(`
  mutation ConsoleCreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      displayName
      mail
    }
  }
`);

type FieldName = 'email' | 'displayName';

/** Codes that concern the address when the API names no field. */
const EMAIL_CODES = new Set(['INVALID_EMAIL', 'EMAIL_DOMAIN_NOT_VERIFIED', 'USER_ALREADY_MEMBER']);

/** A member on one of the tenant's verified domains; the person activates it from a mailed link. */
export function CreateMember({ place }: Pick<ScreenProps, 'place'>) {
  const t = useT(messages);
  const problemText = useProblemText();
  const [result, create] = useMutation(CreateUserMutation);
  const [created, setCreated] = useState<{ id: string; displayName: string; mail: string } | null>(null);
  const problem = problemOf(result.error);
  const problemField = problem ? (problem.field ?? (EMAIL_CODES.has(problem.code) ? 'email' : null)) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setCreated(null);
    const outcome = await create({
      input: { email: String(form.get('email') ?? '').trim(), displayName: String(form.get('displayName') ?? '').trim() },
    });
    if (outcome.data) {
      setCreated(outcome.data.createUser);
      (event.target as HTMLFormElement).reset();
    }
  }

  const field = (name: FieldName, type: string) => {
    const error = problem && problemField === name ? problemText(problem) : null;
    return (
      <Field id={name} label={t(name)} error={error}>
        {(control) => <input {...control} name={name} type={type} required />}
      </Field>
    );
  };

  return (
    <Screen title={t('title')}>
      <p>
        <Link href={hrefOf(place.tenantId, 'users')}>{t('back')}</Link>
      </p>
      <p>{t('intro')}</p>
      {created && (
        <p role="status">
          {t('created', { name: created.displayName, email: created.mail })}{' '}
          <Link href={hrefOf(place.tenantId, 'users', created.id)}>{t('open', { name: created.displayName })}</Link>
        </p>
      )}
      {problem && !problemField && <p role="alert">{problemText(problem)}</p>}
      <form className="form" onSubmit={(e) => void submit(e)}>
        {field('email', 'email')}
        {field('displayName', 'text')}
        <p>
          <button type="submit" disabled={result.fetching}>
            {t('submit')}
          </button>
        </p>
      </form>
    </Screen>
  );
}
