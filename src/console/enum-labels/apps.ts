/** Labels of the API's enums about applications: protocols, SAML NameID formats, app role members, in the 11 page languages. */
import type { AppRoleMemberType, ApplicationProtocol, SamlNameIdFormat } from '../gql/graphql';
import { defineEnumLabels } from './define';

const PROTOCOLS = { OIDC: 'OpenID Connect', SAML: 'SAML 2.0' } as const;

/** ApplicationProtocol: protocol names, the same in every language. */
export const applicationProtocolLabels = defineEnumLabels<ApplicationProtocol>({
  en: PROTOCOLS,
  de: PROTOCOLS,
  es: PROTOCOLS,
  fr: PROTOCOLS,
  it: PROTOCOLS,
  ja: PROTOCOLS,
  ko: PROTOCOLS,
  'pt-BR': PROTOCOLS,
  ru: PROTOCOLS,
  'zh-HANS': PROTOCOLS,
  'zh-HANT': PROTOCOLS,
});

/** SamlNameIdFormat, as the console names each value. */
export const samlNameIdFormatLabels = defineEnumLabels<SamlNameIdFormat>({
  en: { EMAIL: 'Email address', PERSISTENT: 'Persistent (per app)', UNSPECIFIED: 'Unspecified' },
  de: { EMAIL: 'E-Mail-Adresse', PERSISTENT: 'Dauerhaft (je App)', UNSPECIFIED: 'Nicht angegeben' },
  es: { EMAIL: 'Dirección de correo', PERSISTENT: 'Persistente (por aplicación)', UNSPECIFIED: 'Sin especificar' },
  fr: { EMAIL: 'Adresse e-mail', PERSISTENT: 'Persistant (par application)', UNSPECIFIED: 'Non spécifié' },
  it: { EMAIL: 'Indirizzo email', PERSISTENT: 'Persistente (per app)', UNSPECIFIED: 'Non specificato' },
  ja: { EMAIL: 'メール アドレス', PERSISTENT: '永続 (アプリごと)', UNSPECIFIED: '指定なし' },
  ko: { EMAIL: '이메일 주소', PERSISTENT: '영구 (앱별)', UNSPECIFIED: '지정되지 않음' },
  'pt-BR': { EMAIL: 'Endereço de email', PERSISTENT: 'Persistente (por aplicativo)', UNSPECIFIED: 'Não especificado' },
  ru: { EMAIL: 'Адрес эл. почты', PERSISTENT: 'Постоянный (для приложения)', UNSPECIFIED: 'Не указан' },
  'zh-HANS': { EMAIL: '电子邮件地址', PERSISTENT: '持久 (每个应用)', UNSPECIFIED: '未指定' },
  'zh-HANT': { EMAIL: '電子郵件地址', PERSISTENT: '持續 (每個應用程式)', UNSPECIFIED: '未指定' },
});

/** AppRoleMemberType: who an app role can be given to. */
export const appRoleMemberTypeLabels = defineEnumLabels<AppRoleMemberType>({
  en: { Application: 'Applications', User: 'Users and groups' },
  de: { Application: 'Anwendungen', User: 'Benutzer und Gruppen' },
  es: { Application: 'Aplicaciones', User: 'Usuarios y grupos' },
  fr: { Application: 'Applications (apps)', User: 'Utilisateurs et groupes' },
  it: { Application: 'Applicazioni', User: 'Utenti e gruppi' },
  ja: { Application: 'アプリケーション', User: 'ユーザーとグループ' },
  ko: { Application: '애플리케이션', User: '사용자 및 그룹' },
  'pt-BR': { Application: 'Aplicativos', User: 'Usuários e grupos' },
  ru: { Application: 'Приложения', User: 'Пользователи и группы' },
  'zh-HANS': { Application: '应用程序', User: '用户和组' },
  'zh-HANT': { Application: '應用程式', User: '使用者和群組' },
});
