import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import type { InvitationPreviewInput, TenantSettingsInput } from '../gql/graphql';
import { SUPPORTED_LANGUAGES, useLanguage, useT } from '../i18n';
import { Field } from '../ui/Field';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './SettingsGeneral.messages';

// The fields the form shows: the query reads them and the save answers with them.
graphql(`
  fragment ConsoleTenantSettingsFields on Tenant {
    id
    name
    privacyUrl
    contactUrl
    logoUrl
    brandColor
    allowedRedirectHosts
    invitationTtlDays
  }
`);

const TenantQuery = graphql(`
  query ConsoleTenantSettings {
    tenant {
      ...ConsoleTenantSettingsFields
    }
  }
`);

const UpdateMutation = graphql(`
  mutation ConsoleUpdateTenantSettings($input: TenantSettingsInput!) {
    updateTenantSettings(input: $input) {
      ...ConsoleTenantSettingsFields
    }
  }
`);

const PreviewQuery = graphql(`
  query ConsoleInvitationPreview($input: InvitationPreviewInput!) {
    invitationPreview(input: $input) {
      subject
    }
  }
`);

/** The saved settings the form starts from. */
interface Tenant {
  name: string;
  privacyUrl?: string | null;
  contactUrl?: string | null;
  logoUrl?: string | null;
  brandColor?: string | null;
  allowedRedirectHosts: string[];
  invitationTtlDays?: number | null;
}
type Draft = Record<'name' | 'privacyUrl' | 'contactUrl' | 'logoUrl' | 'brandColor' | 'allowedRedirectHosts' | 'invitationTtlDays', string>;

const draftOf = (t: Tenant): Draft => ({
  name: t.name,
  privacyUrl: t.privacyUrl ?? '',
  contactUrl: t.contactUrl ?? '',
  logoUrl: t.logoUrl ?? '',
  brandColor: t.brandColor ?? '',
  allowedRedirectHosts: t.allowedRedirectHosts.join('\n'),
  invitationTtlDays: t.invitationTtlDays == null ? '' : String(t.invitationTtlDays),
});

/** The form as the API's input: an empty optional field clears it. */
function inputOf(d: Draft): TenantSettingsInput {
  const optional = (v: string) => v.trim() || null;
  return {
    name: d.name,
    privacyUrl: optional(d.privacyUrl),
    contactUrl: optional(d.contactUrl),
    logoUrl: optional(d.logoUrl),
    brandColor: optional(d.brandColor),
    allowedRedirectHosts: d.allowedRedirectHosts.split(/\s+/).filter(Boolean),
    invitationTtlDays: d.invitationTtlDays.trim() === '' ? null : Number(d.invitationTtlDays),
  };
}

/** The tenant's name, links, branding, redirect hosts and invitation lifetime, with a live mail preview. */
export function SettingsGeneral({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const [{ data, error }] = useQuery({ query: TenantQuery });
  return (
    <Screen title={t('title')}>
      <ErrorNote error={error} />
      {data && <SettingsForm tenant={data.tenant} tenantId={place.tenantId} mayChange={viewer.permissions.includes('ManageTenant')} />}
    </Screen>
  );
}

function SettingsForm({ tenant, tenantId, mayChange }: { tenant: Tenant; tenantId: string; mayChange: boolean }) {
  const t = useT(messages);
  const text = useProblemText();
  const [draft, setDraft] = useState(() => draftOf(tenant));
  const [saved, setSaved] = useState(false);
  const [result, update] = useMutation(UpdateMutation);
  const problem = problemOf(result.error);
  const errorOf = (field: keyof Draft) => (problem?.field === field ? text(problem) : null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const outcome = await update({ input: inputOf(draft) });
    if (outcome.data) {
      setDraft(draftOf(outcome.data.updateTenantSettings));
      setSaved(true);
    }
  }

  const input = (name: keyof Draft, type = 'text', hint?: string) => (
    <Field id={name} label={t(name)} hint={hint} error={errorOf(name)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          value={draft[name]}
          disabled={!mayChange}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <div className="split">
      <form className="form" onSubmit={(e) => void submit(e)}>
        {input('name')}
        {input('privacyUrl', 'url')}
        {input('contactUrl', 'url')}
        {input('logoUrl', 'url')}
        {input('brandColor', 'text', t('brandColorHint'))}
        <Field id="allowedRedirectHosts" label={t('allowedRedirectHosts')} hint={t('hostsHint')} error={errorOf('allowedRedirectHosts')}>
          {(control) => (
            <textarea
              {...control}
              name="allowedRedirectHosts"
              rows={3}
              value={draft.allowedRedirectHosts}
              disabled={!mayChange}
              onChange={(e) => setDraft({ ...draft, allowedRedirectHosts: e.target.value })}
            />
          )}
        </Field>
        {input('invitationTtlDays', 'number', t('ttlHint'))}
        {problem && !problem.field && <p role="alert">{text(problem)}</p>}
        {saved && <p role="status">{t('saved')}</p>}
        {mayChange && (
          <button type="submit" disabled={result.fetching}>
            {t('save')}
          </button>
        )}
      </form>
      <MailPreview draft={draft} tenantId={tenantId} />
    </div>
  );
}

/**
 * The invitation mail as the gateway renders it for the draft (the API's invitationPreview), shown by
 * the console's backend as a page of its own in a frame that runs nothing and reaches nothing of the
 * console. The API's answer here gives the subject (not the rendered mail: only the mail's frame
 * renders it) and any refusal; it follows typing after a pause.
 */
function MailPreview({ draft, tenantId }: { draft: Draft; tenantId: string }) {
  const t = useT(messages);
  const text = useProblemText();
  const [message, setMessage] = useState('');
  const [language, setLanguage] = useState<string>(useLanguage());
  const [input, setInput] = useState<InvitationPreviewInput | null>(null);
  useEffect(() => {
    // Only what the mail shows; a half-typed redirect host must not stop the preview.
    const { name, privacyUrl, contactUrl, logoUrl, brandColor, invitationTtlDays } = inputOf(draft);
    const next = {
      settings: { name: name?.trim() ? name : null, privacyUrl, contactUrl, logoUrl, brandColor, invitationTtlDays },
      invitationText: message,
      language,
    };
    const timer = window.setTimeout(() => setInput(next), 250);
    return () => window.clearTimeout(timer);
  }, [draft, message, language]);
  const [{ data, error, operation }] = useQuery({ query: PreviewQuery, variables: { input: input! }, pause: !input });
  // The frames follow the input the API last answered for (kept while the next one is asked), in the
  // same render as the answer: each pause costs the subject and one load of each frame, nothing more.
  const answered = data && operation ? operation.variables.input : null;
  const frames = useMemo(
    () => answered && { mail: previewSrc(tenantId, 'invitation-mail', answered), page: previewSrc(tenantId, 'redemption-page', answered) },
    [answered, tenantId],
  );
  const shown = data && frames ? { subject: data.invitationPreview.subject, ...frames } : null;
  const problem = problemOf(error);
  return (
    <section aria-labelledby="preview-title" className="preview">
      <h2 id="preview-title">{t('preview')}</h2>
      <p className="muted">{t('previewHint')}</p>
      <Field id="previewMessage" label={t('sampleMessage')}>
        {(control) => <textarea {...control} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} />}
      </Field>
      <Field id="previewLanguage" label={t('previewLanguage')}>
        {(control) => (
          <select {...control} value={language} onChange={(e) => setLanguage(e.target.value)}>
            {SUPPORTED_LANGUAGES.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        )}
      </Field>
      {problem && <p className="error">{text(problem)}</p>}
      {shown && (
        <>
          <p>{t('subject', { subject: shown.subject })}</p>
          <iframe title={t('mailPreview')} sandbox="" src={shown.mail} className="mail-preview" />
          <h3>{t('pagePreview')}</h3>
          <iframe title={t('pagePreview')} sandbox="" src={shown.page} className="page-preview" />
        </>
      )}
    </section>
  );
}

/** The backend's page of a preview: the same draft as query parameters (empty clears a field). */
function previewSrc(tenantId: string, kind: 'invitation-mail' | 'redemption-page', input: InvitationPreviewInput): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(input.settings))
    if (value !== undefined) params.set(name, value === null ? '' : String(value));
  params.set('invitationText', input.invitationText ?? '');
  params.set('language', input.language ?? '');
  return `/admin/${tenantId}/preview/${kind}?${params}`;
}
