import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { CopyButton } from '../ui/CopyButton';
import { DataTable } from '../ui/DataTable';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { SettingsDomainAdd } from './SettingsDomainAdd';
import { messages } from './SettingsDomains.messages';

const DomainsQuery = graphql(`
  query ConsoleDomains {
    domains {
      name
      state
      isDefault
      verificationRecord {
        name
        type
        value
      }
    }
  }
`);

const VerifyMutation = graphql(`
  mutation ConsoleVerifyDomain($name: String!, $takeOver: Boolean!) {
    verifyDomain(name: $name, takeOver: $takeOver) {
      name
      state
    }
  }
`);

const RemoveMutation = graphql(`
  mutation ConsoleRemoveDomain($name: String!) {
    removeDomain(name: $name)
  }
`);

type Row = NonNullable<ReturnType<typeof useDomains>[0]['data']>['domains'][number];
const useDomains = () => useQuery({ query: DomainsQuery });

/** The tenant's domains: add one, publish its TXT record, verify it, remove it. */
export function SettingsDomains({ viewer }: ScreenProps) {
  const t = useT(messages);
  const text = useProblemText();
  const mayChange = viewer.permissions.includes('ManageTenant');
  const [{ data, error }, refetch] = useDomains();
  const [verified, verify] = useMutation(VerifyMutation);
  const [removed, remove] = useMutation(RemoveMutation);
  const [outcome, setOutcome] = useState<string | null>(null);
  const verifyProblem = problemOf(verified.error);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  async function onVerify(row: Row, takeOver = false) {
    setOutcome(null);
    const result = await verify({ name: row.name, takeOver });
    if (result.data) setOutcome(t('verified', { name: result.data.verifyDomain.name }));
    reload();
  }

  async function onRemove(row: Row) {
    if (!window.confirm(t('confirmRemove', { name: row.name }))) return;
    setOutcome(null);
    const result = await remove({ name: row.name });
    if (result.data) setOutcome(t('removed', { name: row.name }));
    reload();
  }

  const heldBySelfService = verifyProblem?.code === 'DOMAIN_HELD_BY_SELF_SERVICE_TENANT' ? verified.operation?.variables.name : null;

  return (
    <Screen title={t('title')}>
      {mayChange && (
        <SettingsDomainAdd
          onAdded={(message) => {
            setOutcome(message);
            reload();
          }}
        />
      )}
      <div aria-live="polite">{outcome && <p role="status">{outcome}</p>}</div>
      {verifyProblem && (
        <div role="alert">
          <p>{t('notVerified', { problem: text(verifyProblem) })}</p>
          {heldBySelfService && (
            <button
              type="button"
              onClick={() => {
                if (window.confirm(t('confirmTakeOver', { name: heldBySelfService }))) {
                  void onVerify({ name: heldBySelfService } as Row, true);
                }
              }}
            >
              {t('takeOver', { name: heldBySelfService })}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={error ?? removed.error} />
      {data && (
        <DataTable<Row>
          caption={t('title')}
          rows={data.domains}
          rowKey={(d) => d.name}
          empty={t('none')}
          columns={[
            { header: t('name'), cell: (d) => (d.isDefault ? `${d.name} (${t('default')})` : d.name) },
            { header: t('state'), cell: (d) => (d.state === 'Verified' ? t('stateVerified') : t('stateUnverified')) },
            {
              header: t('record'),
              cell: (d) =>
                d.verificationRecord ? (
                  <span className="record">
                    <code>
                      {d.verificationRecord.name} {d.verificationRecord.type} &quot;{d.verificationRecord.value}&quot;
                    </code>{' '}
                    <CopyButton text={d.verificationRecord.value} what={t('recordOf', { name: d.name })} />
                  </span>
                ) : (
                  '—'
                ),
            },
            {
              header: t('actions'),
              cell: (d) =>
                mayChange && (
                  <>
                    {d.state === 'Unverified' && (
                      <button type="button" onClick={() => void onVerify(d)}>
                        {t('verifyWhat', { name: d.name })}
                      </button>
                    )}{' '}
                    {!d.isDefault && (
                      <button type="button" onClick={() => void onRemove(d)}>
                        {t('removeWhat', { name: d.name })}
                      </button>
                    )}
                  </>
                ),
            },
          ]}
        />
      )}
    </Screen>
  );
}
