import type { ComponentType } from 'react';
import type { Permission } from '../gql/graphql';
import { useT } from '../i18n';
import { hrefOf, Link } from '../router';
import { Screen } from '../ui/Screen';
import type { ScreenProps } from '.';
import { messages } from './Settings.messages';
import { SettingsDomains } from './SettingsDomains';
import { SettingsGeneral } from './SettingsGeneral';
import { SettingsIdentityProviders } from './SettingsIdentityProviders';
import { SettingsKeys } from './SettingsKeys';
import { SettingsSecurity } from './SettingsSecurity';
import { SettingsTerms } from './SettingsTerms';

type Key = 'general' | 'domains' | 'identityProviders' | 'keys' | 'security' | 'terms';

/** The pages under /settings/<path>: the whole area needs ReadTenantConfiguration (index.ts). */
const PAGES: readonly { path: string; key: Key; permission?: Permission; component: ComponentType<ScreenProps> }[] = [
  { path: '', key: 'general', component: SettingsGeneral },
  { path: 'domains', key: 'domains', component: SettingsDomains },
  { path: 'identity-providers', key: 'identityProviders', component: SettingsIdentityProviders },
  { path: 'keys', key: 'keys', component: SettingsKeys },
  { path: 'security', key: 'security', component: SettingsSecurity },
  { path: 'terms-acceptances', key: 'terms', permission: 'ReadAuditLog', component: SettingsTerms },
];

/** Security and settings: a local navigation over its pages, then the current one. */
export function Settings({ viewer, place }: ScreenProps) {
  const t = useT(messages);
  const pages = PAGES.filter((p) => !p.permission || viewer.permissions.includes(p.permission));
  const current = pages.find((p) => p.path === (place.params[0] ?? ''));
  return (
    <>
      <nav aria-label={t('nav')} className="subnav">
        {pages.map((p) => (
          <Link
            key={p.path}
            href={hrefOf(place.tenantId, 'settings', ...(p.path ? [p.path] : []))}
            aria-current={p === current ? 'page' : undefined}
          >
            {t(p.key)}
          </Link>
        ))}
      </nav>
      {!viewer.permissions.includes('ManageTenant') && <p className="muted">{t('readOnly')}</p>}
      {current ? (
        <current.component key={current.path} viewer={viewer} place={place} />
      ) : (
        <Screen title={t('notFound')}>
          <p>{t('notFoundText')}</p>
        </Screen>
      )}
    </>
  );
}
