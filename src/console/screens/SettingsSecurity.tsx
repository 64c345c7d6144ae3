import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import type { TermsAudience, UpdateSecurityPolicyInput } from '../gql/graphql';
import { SUPPORTED_LANGUAGES, useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Field } from '../ui/Field';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages as settingsMessages } from './Settings.messages';
import { messages } from './SettingsSecurity.messages';

// The fields the form shows: the query reads them and the save answers with them.
graphql(`
  fragment ConsoleSecurityPolicyFields on SecurityPolicy {
    mfaForAdmins
    mfaForMembers
    mfaForGuests
    trustPartnerMfa
    signInFrequencyMinutes
    termsAudience
    termsUrl
    termsVersion
    termsDocuments {
      language
      url
    }
  }
`);

const PolicyQuery = graphql(`
  query ConsoleSecurityPolicy {
    securityPolicy {
      ...ConsoleSecurityPolicyFields
    }
  }
`);

const UpdateMutation = graphql(`
  mutation ConsoleUpdateSecurityPolicy($input: UpdateSecurityPolicyInput!) {
    updateSecurityPolicy(input: $input) {
      ...ConsoleSecurityPolicyFields
    }
  }
`);

type Policy = NonNullable<ReturnType<typeof usePolicy>[0]['data']>['securityPolicy'];
const usePolicy = () => useQuery({ query: PolicyQuery });
type Flag = 'mfaForAdmins' | 'mfaForMembers' | 'mfaForGuests' | 'trustPartnerMfa';
const FLAGS: readonly Flag[] = ['mfaForAdmins', 'mfaForMembers', 'mfaForGuests', 'trustPartnerMfa'];
const AUDIENCES: readonly TermsAudience[] = ['None', 'Guests', 'Everyone'];

interface Draft {
  flags: Record<Flag, boolean>;
  signInFrequencyMinutes: string;
  termsAudience: TermsAudience;
  termsUrl: string;
  termsVersion: string;
  documents: Record<string, string>;
}

const draftOf = (p: Policy): Draft => ({
  flags: { mfaForAdmins: p.mfaForAdmins, mfaForMembers: p.mfaForMembers, mfaForGuests: p.mfaForGuests, trustPartnerMfa: p.trustPartnerMfa },
  signInFrequencyMinutes: p.signInFrequencyMinutes == null ? '' : String(p.signInFrequencyMinutes),
  termsAudience: p.termsAudience,
  termsUrl: p.termsUrl ?? '',
  termsVersion: p.termsVersion ?? '',
  documents: Object.fromEntries(p.termsDocuments.map((d) => [d.language, d.url])),
});

function inputOf(d: Draft): UpdateSecurityPolicyInput {
  return {
    ...d.flags,
    signInFrequencyMinutes: d.signInFrequencyMinutes.trim() === '' ? null : Number(d.signInFrequencyMinutes),
    termsAudience: d.termsAudience,
    termsUrl: d.termsUrl.trim() || null,
    termsVersion: d.termsVersion.trim() || null,
    termsDocuments: Object.entries(d.documents)
      .filter(([, url]) => url.trim())
      .map(([language, url]) => ({ language, url: url.trim() })),
  };
}

/** The fields an API error is shown beside; any other problem is shown below the form. */
const BESIDE = ['signInFrequencyMinutes', 'termsAudience', 'termsUrl', 'termsVersion', 'termsDocuments'];

/** The API names the per-language documents `termsUrls` in its errors; the form's field is termsDocuments. */
const fieldOf = (field: string | null) => (field === 'termsUrls' ? 'termsDocuments' : field);

/** MFA, sign-in frequency and terms of use (the API's securityPolicy). */
export function SettingsSecurity({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const settings = useT(settingsMessages);
  const [{ data, error }] = usePolicy();
  return (
    <Screen title={t('title')}>
      <ErrorNote error={error} />
      {data && <PolicyForm policy={data.securityPolicy} mayChange={viewer.permissions.includes('ManageTenant')} />}
      {viewer.permissions.includes('ReadAuditLog') && (
        <p>
          <Link href={hrefOf(place.tenantId, 'settings', 'terms-acceptances')}>{settings('terms')}</Link>
        </p>
      )}
    </Screen>
  );
}

function PolicyForm({ policy, mayChange }: { policy: Policy; mayChange: boolean }) {
  const t = useT(messages);
  const text = useProblemText();
  const [draft, setDraft] = useState(() => draftOf(policy));
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdateMutation);
  const problem = problemOf(result.error);
  const field = fieldOf(problem?.field ?? null);
  const errorOf = (name: string) => (problem && field === name ? text(problem) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const outcome = await update({ input: inputOf(draft) });
    if (outcome.data) {
      setDraft(draftOf(outcome.data.updateSecurityPolicy));
      setSaved(true);
    }
  }

  const docError = errorOf('termsDocuments');
  return (
    <form className="form" onSubmit={(e) => void submit(e)}>
      <fieldset disabled={!mayChange}>
        <legend>{t('mfa')}</legend>
        {FLAGS.map((flag) => (
          <label key={flag} className="choice">
            <input
              type="checkbox"
              name={flag}
              checked={draft.flags[flag]}
              onChange={(e) => setDraft({ ...draft, flags: { ...draft.flags, [flag]: e.target.checked } })}
            />{' '}
            {t(flag)}
          </label>
        ))}
      </fieldset>
      <Field id="signInFrequencyMinutes" label={t('frequency')} hint={t('frequencyHint')} error={errorOf('signInFrequencyMinutes')}>
        {(control) => (
          <input
            {...control}
            type="number"
            disabled={!mayChange}
            value={draft.signInFrequencyMinutes}
            onChange={(e) => setDraft({ ...draft, signInFrequencyMinutes: e.target.value })}
          />
        )}
      </Field>
      <fieldset disabled={!mayChange}>
        <legend>{t('terms')}</legend>
        <Field id="termsAudience" label={t('audience')} error={errorOf('termsAudience')}>
          {(control) => (
            <select
              {...control}
              value={draft.termsAudience}
              onChange={(e) => setDraft({ ...draft, termsAudience: e.target.value as TermsAudience })}
            >
              {AUDIENCES.map((a) => (
                <option key={a} value={a}>
                  {t(`audience${a}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="termsUrl" label={t('termsUrl')} error={errorOf('termsUrl')}>
          {(control) => (
            <input {...control} type="url" value={draft.termsUrl} onChange={(e) => setDraft({ ...draft, termsUrl: e.target.value })} />
          )}
        </Field>
        <Field id="termsVersion" label={t('termsVersion')} hint={t('versionHint')} error={errorOf('termsVersion')}>
          {(control) => (
            <input {...control} value={draft.termsVersion} onChange={(e) => setDraft({ ...draft, termsVersion: e.target.value })} />
          )}
        </Field>
        <details open={Object.keys(draft.documents).length > 0 || Boolean(docError)}>
          <summary>{t('documents')}</summary>
          {docError && (
            <p className="error" id="termsDocuments-error">
              {docError}
            </p>
          )}
          {SUPPORTED_LANGUAGES.map((language) => (
            <p className="field" key={language}>
              <label htmlFor={`terms-${language}`}>{t('documentIn', { language })}</label>
              <input
                id={`terms-${language}`}
                type="url"
                aria-invalid={docError ? true : undefined}
                aria-describedby={docError ? 'termsDocuments-error' : undefined}
                value={draft.documents[language] ?? ''}
                onChange={(e) => setDraft({ ...draft, documents: { ...draft.documents, [language]: e.target.value } })}
              />
            </p>
          ))}
        </details>
      </fieldset>
      {problem && !BESIDE.includes(field ?? '') && <p role="alert">{text(problem)}</p>}
      {saved && <p role="status">{t('saved')}</p>}
      {mayChange && (
        <p>
          <button type="submit" disabled={result.fetching}>
            {t('save')}
          </button>
        </p>
      )}
    </form>
  );
}
