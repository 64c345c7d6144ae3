import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import type { PartnerDomainPolicy } from '../gql/graphql';
import { useT } from '../i18n';
import { Screen } from '../ui/Screen';
import { messages } from './PartnerPolicy.messages';

// The fields the form shows: the query reads them and the save answers with them.
graphql(`
  fragment ConsolePartnerPolicyFields on Tenant {
    id
    partnerDomainPolicy
    partnerDomains
    refuseConsumerDomains
  }
`);

const PolicyQuery = graphql(`
  query ConsolePartnerPolicy {
    tenant {
      ...ConsolePartnerPolicyFields
    }
  }
`);

const UpdatePolicyMutation = graphql(`
  mutation ConsoleUpdatePartnerPolicy($input: PartnerDomainPolicyInput!) {
    updatePartnerDomainPolicy(input: $input) {
      ...ConsolePartnerPolicyFields
    }
  }
`);

const POLICIES: PartnerDomainPolicy[] = ['None', 'AllowList', 'BlockList'];

interface Saved {
  partnerDomainPolicy: PartnerDomainPolicy;
  partnerDomains: string[];
  refuseConsumerDomains: boolean;
}

/** Which partner domains the tenant collaborates with (none, an allow list or a block list), and consumer mail. */
export function PartnerPolicy() {
  const t = useT(messages);
  const [{ data, error }] = useQuery({ query: PolicyQuery });
  return (
    <Screen title={t('title')}>
      <p>{t('intro')}</p>
      <ErrorNote error={error} />
      {data && <PolicyForm current={data.tenant} />}
    </Screen>
  );
}

/** The form, started from the saved policy; the API checks each domain and names the field it refuses. */
function PolicyForm({ current }: { current: Saved }) {
  const t = useT(messages);
  const problemText = useProblemText();
  const [policy, setPolicy] = useState(current.partnerDomainPolicy);
  const [domains, setDomains] = useState(current.partnerDomains.join('\n'));
  const [refuseConsumer, setRefuseConsumer] = useState(current.refuseConsumerDomains);
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdatePolicyMutation);
  const problem = problemOf(result.error);
  const domainsError = problem?.field === 'domains' ? problemText(problem) : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const list = domains
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const outcome = await update({ input: { policy, domains: list, refuseConsumerDomains: refuseConsumer } });
    if (outcome.data) {
      setDomains(outcome.data.updatePartnerDomainPolicy.partnerDomains.join('\n'));
      setSaved(true);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      {saved && <p role="status">{t('saved')}</p>}
      {problem && !domainsError && <ErrorNote error={result.error} />}
      <fieldset>
        <legend>{t('policy')}</legend>
        {POLICIES.map((p) => (
          <label key={p} className="choice">
            <input type="radio" name="policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} /> {t(p)}
          </label>
        ))}
      </fieldset>
      <p className="field">
        <label htmlFor="domains">{t('domains')}</label>
        <textarea
          id="domains"
          name="domains"
          rows={5}
          value={domains}
          onChange={(e) => setDomains(e.target.value)}
          aria-invalid={domainsError ? true : undefined}
          aria-describedby={domainsError ? 'domains-hint domains-error' : 'domains-hint'}
        />
        <span className="muted" id="domains-hint">
          {t('domainsHint')}
        </span>
        {domainsError && (
          <span className="error" id="domains-error">
            {domainsError}
          </span>
        )}
      </p>
      <label className="choice">
        <input
          type="checkbox"
          name="refuseConsumerDomains"
          checked={refuseConsumer}
          onChange={(e) => setRefuseConsumer(e.target.checked)}
        />{' '}
        {t('consumer')}
      </label>
      <p>
        <button type="submit" disabled={result.fetching}>
          {t('save')}
        </button>
      </p>
    </form>
  );
}
