import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import { useFormat, useT } from '../i18n';
import { DataTable } from '../ui/DataTable';
import { Field } from '../ui/Field';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './SettingsKeys.messages';

// A key's row: the list reads it and a rotation answers with it.
graphql(`
  fragment ConsoleSigningKeyFields on SigningKey {
    kid
    alg
    status
    createdAt
    activatesAt
    retiresAt
  }
`);

const KeysQuery = graphql(`
  query ConsoleSigningKeys {
    signingKeys {
      ...ConsoleSigningKeyFields
    }
  }
`);

const RotateMutation = graphql(`
  mutation ConsoleRotateSigningKey($activateInSeconds: Int) {
    rotateSigningKey(activateInSeconds: $activateInSeconds) {
      ...ConsoleSigningKeyFields
    }
  }
`);

type Row = NonNullable<ReturnType<typeof useKeys>[0]['data']>['signingKeys'][number];
const useKeys = () => useQuery({ query: KeysQuery });

/** The tenant issuer's published keys, and a rotation that publishes the next one ahead of use. */
export function SettingsKeys({ viewer }: ScreenProps) {
  const t = useT(messages);
  const format = useFormat();
  const mayChange = viewer.permissions.includes('ManageTenant');
  const [{ data, error }] = useKeys();
  const [rotated, rotate] = useMutation(RotateMutation);
  const [hours, setHours] = useState('24');
  const [done, setDone] = useState(false);
  // The rotation's answer is the new list; until then the query's.
  const keys = rotated.data?.rotateSigningKey ?? data?.signingKeys;
  const status = (s: string) => (s === 'active' ? t('active') : s === 'next' ? t('next') : s === 'retired' ? t('retired') : s);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const delay = Math.round(Number(hours) * 3600);
    if (!window.confirm(t('confirmRotate', { hours }))) return;
    setDone(false);
    const result = await rotate({ activateInSeconds: delay });
    if (result.data) setDone(true);
  }

  return (
    <Screen title={t('title')}>
      <p className="muted">{t('intro')}</p>
      <ErrorNote error={error ?? rotated.error} />
      <div aria-live="polite">{done && <p role="status">{t('rotated')}</p>}</div>
      {keys && (
        <DataTable<Row>
          caption={t('title')}
          rows={keys}
          rowKey={(k) => k.kid}
          empty={t('none')}
          columns={[
            { header: t('kid'), cell: (k) => <code>{k.kid}</code> },
            { header: t('status'), cell: (k) => status(k.status) },
            { header: t('alg'), cell: (k) => k.alg },
            { header: t('created'), cell: (k) => format.dateTime(k.createdAt) },
            { header: t('activates'), cell: (k) => format.dateTime(k.activatesAt) },
            { header: t('retires'), cell: (k) => format.dateTime(k.retiresAt) },
          ]}
        />
      )}
      {mayChange && (
        <form className="form" onSubmit={(e) => void submit(e)} aria-labelledby="rotate-title">
          <h2 id="rotate-title">{t('rotate')}</h2>
          <Field id="activation-hours" label={t('delay')} hint={t('delayHint')}>
            {(control) => (
              <input {...control} type="number" min={0} step="any" required value={hours} onChange={(e) => setHours(e.target.value)} />
            )}
          </Field>
          <p>
            <button type="submit" disabled={rotated.fetching}>
              {t('rotateButton')}
            </button>
          </p>
        </form>
      )}
    </Screen>
  );
}
