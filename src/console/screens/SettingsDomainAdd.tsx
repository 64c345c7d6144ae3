import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { Field } from '../ui/Field';
import { messages } from './SettingsDomainAdd.messages';

const AddMutation = graphql(`
  mutation ConsoleAddDomain($name: String!) {
    addDomain(name: $name) {
      name
      state
    }
  }
`);

/** Adds an unverified domain; the API's refusal (any) is shown beside the one field. */
export function SettingsDomainAdd({ onAdded }: { onAdded: (message: string) => void }) {
  const t = useT(messages);
  const text = useProblemText();
  const [added, add] = useMutation(AddMutation);
  const [name, setName] = useState('');
  const problem = problemOf(added.error);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await add({ name });
    if (result.data) {
      setName('');
      onAdded(t('added', { name: result.data.addDomain.name }));
    }
  }

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <p className="muted">{t('intro')}</p>
      <Field id="domain-name" label={t('add')} error={problem ? text(problem) : null}>
        {(control) => <input {...control} name="name" required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <p>
        <button type="submit" disabled={added.fetching}>
          {t('addButton')}
        </button>
      </p>
    </form>
  );
}
