/** Labels of the API's enums: partners, sign-ins and the terms audience, in the 11 page languages. */
import type { PartnerDomainPolicy, PartnerKind, RemovePartnerMode, SignInKind, SignInResult, TermsAudience } from '../gql/graphql';
import { defineEnumLabels } from './define';

/** PartnerKind, as the console names each value. */
export const partnerKindLabels = defineEnumLabels<PartnerKind>({
  en: {
    Domain: 'Domain (nobody has redeemed)',
    ExternalIdentityProvider: 'Own identity provider',
    GatewayTenant: 'Gateway tenant',
    SelfServiceTenant: 'Self-service tenant',
  },
  de: {
    Domain: 'Domäne (noch niemand eingelöst)',
    ExternalIdentityProvider: 'Eigener Identitätsanbieter',
    GatewayTenant: 'Gateway-Mandant',
    SelfServiceTenant: 'Self-Service-Mandant',
  },
  es: {
    Domain: 'Dominio (nadie ha canjeado)',
    ExternalIdentityProvider: 'Proveedor de identidad propio',
    GatewayTenant: 'Inquilino de la pasarela',
    SelfServiceTenant: 'Inquilino de autoservicio',
  },
  fr: {
    Domain: 'Domaine (personne n’a accepté)',
    ExternalIdentityProvider: 'Fournisseur d’identité propre',
    GatewayTenant: 'Locataire de la passerelle',
    SelfServiceTenant: 'Locataire en libre-service',
  },
  it: {
    Domain: 'Dominio (nessuno ha accettato)',
    ExternalIdentityProvider: 'Provider di identità proprio',
    GatewayTenant: 'Tenant del gateway',
    SelfServiceTenant: 'Tenant self-service',
  },
  ja: {
    Domain: 'ドメイン (未引き換え)',
    ExternalIdentityProvider: '独自の ID プロバイダー',
    GatewayTenant: 'ゲートウェイのテナント',
    SelfServiceTenant: 'セルフサービスのテナント',
  },
  ko: {
    Domain: '도메인 (아직 수락한 사람 없음)',
    ExternalIdentityProvider: '자체 ID 공급자',
    GatewayTenant: '게이트웨이 테넌트',
    SelfServiceTenant: '셀프 서비스 테넌트',
  },
  'pt-BR': {
    Domain: 'Domínio (ninguém resgatou)',
    ExternalIdentityProvider: 'Provedor de identidade próprio',
    GatewayTenant: 'Locatário do gateway',
    SelfServiceTenant: 'Locatário de autoatendimento',
  },
  ru: {
    Domain: 'Домен (никто не принял)',
    ExternalIdentityProvider: 'Собственный поставщик удостоверений',
    GatewayTenant: 'Клиент шлюза',
    SelfServiceTenant: 'Клиент самообслуживания',
  },
  'zh-HANS': {
    Domain: '域（尚无人兑换）',
    ExternalIdentityProvider: '自有身份提供者',
    GatewayTenant: '网关租户',
    SelfServiceTenant: '自助服务租户',
  },
  'zh-HANT': {
    Domain: '網域（尚無人兌換）',
    ExternalIdentityProvider: '自有身分識別提供者',
    GatewayTenant: '閘道租用戶',
    SelfServiceTenant: '自助服務租用戶',
  },
});

/** PartnerDomainPolicy, as the console names each value. */
export const partnerDomainPolicyLabels = defineEnumLabels<PartnerDomainPolicy>({
  en: { AllowList: 'Allow list', BlockList: 'Block list', None: 'No list' },
  de: { AllowList: 'Zulassungsliste', BlockList: 'Sperrliste', None: 'Keine Liste' },
  es: { AllowList: 'Lista de permitidos', BlockList: 'Lista de bloqueados', None: 'Sin lista' },
  fr: { AllowList: 'Liste d’autorisation', BlockList: 'Liste de blocage', None: 'Aucune liste' },
  it: { AllowList: 'Elenco consentiti', BlockList: 'Elenco bloccati', None: 'Nessun elenco' },
  ja: { AllowList: '許可リスト', BlockList: 'ブロック リスト', None: 'リストなし' },
  ko: { AllowList: '허용 목록', BlockList: '차단 목록', None: '목록 없음' },
  'pt-BR': { AllowList: 'Lista de permissão', BlockList: 'Lista de bloqueio', None: 'Nenhuma lista' },
  ru: { AllowList: 'Список разрешённых', BlockList: 'Список запрещённых', None: 'Без списка' },
  'zh-HANS': { AllowList: '允许列表', BlockList: '阻止列表', None: '无列表' },
  'zh-HANT': { AllowList: '允許清單', BlockList: '封鎖清單', None: '無清單' },
});

/** RemovePartnerMode, as the console names each value. */
export const removePartnerModeLabels = defineEnumLabels<RemovePartnerMode>({
  en: { Disable: 'Disable', Remove: 'Remove' },
  de: { Disable: 'Deaktivieren', Remove: 'Entfernen' },
  es: { Disable: 'Deshabilitar', Remove: 'Quitar' },
  fr: { Disable: 'Désactiver', Remove: 'Supprimer' },
  it: { Disable: 'Disattiva', Remove: 'Rimuovi' },
  ja: { Disable: '無効にする', Remove: '削除' },
  ko: { Disable: '사용 안 함', Remove: '제거' },
  'pt-BR': { Disable: 'Desabilitar', Remove: 'Remover' },
  ru: { Disable: 'Отключить', Remove: 'Удалить' },
  'zh-HANS': { Disable: '禁用', Remove: '删除' },
  'zh-HANT': { Disable: '停用', Remove: '移除' },
});

/** SignInKind, as the console names each value. */
export const signInKindLabels = defineEnumLabels<SignInKind>({
  en: { Interactive: 'Interactive', Redemption: 'Redemption', Refresh: 'Token refresh', Silent: 'Silent (single sign-on)' },
  de: { Interactive: 'Interaktiv', Redemption: 'Einlösung', Refresh: 'Token-Aktualisierung', Silent: 'Still (Single Sign-On)' },
  es: { Interactive: 'Interactivo', Redemption: 'Canje', Refresh: 'Actualización de token', Silent: 'Silencioso (inicio de sesión único)' },
  fr: {
    Interactive: 'Connexion interactive',
    Redemption: 'Acceptation',
    Refresh: 'Actualisation du jeton',
    Silent: 'Silencieuse (authentification unique)',
  },
  it: { Interactive: 'Interattivo', Redemption: 'Riscatto', Refresh: 'Aggiornamento del token', Silent: 'Silenzioso (single sign-on)' },
  ja: { Interactive: '対話型', Redemption: '引き換え', Refresh: 'トークンの更新', Silent: 'サイレント (シングル サインオン)' },
  ko: { Interactive: '대화형', Redemption: '사용', Refresh: '토큰 새로 고침', Silent: '자동(Single Sign-On)' },
  'pt-BR': { Interactive: 'Interativo', Redemption: 'Resgate', Refresh: 'Atualização de token', Silent: 'Silencioso (logon único)' },
  ru: { Interactive: 'Интерактивный', Redemption: 'Принятие приглашения', Refresh: 'Обновление токена', Silent: 'Тихий (единый вход)' },
  'zh-HANS': { Interactive: '交互式', Redemption: '兑换', Refresh: '令牌刷新', Silent: '静默（单一登录）' },
  'zh-HANT': { Interactive: '互動式', Redemption: '兌換', Refresh: '權杖重新整理', Silent: '無訊息（單一登入）' },
});

/** SignInResult, as the console names each value. */
export const signInResultLabels = defineEnumLabels<SignInResult>({
  en: { Failure: 'Failure', Success: 'Success' },
  de: { Failure: 'Fehler', Success: 'Erfolg' },
  es: { Failure: 'Error', Success: 'Correcto' },
  fr: { Failure: 'Échec', Success: 'Réussite' },
  it: { Failure: 'Non riuscito', Success: 'Riuscito' },
  ja: { Failure: '失敗', Success: '成功' },
  ko: { Failure: '실패', Success: '성공' },
  'pt-BR': { Failure: 'Falha', Success: 'Sucesso' },
  ru: { Failure: 'Сбой', Success: 'Успех' },
  'zh-HANS': { Failure: '失败', Success: '成功' },
  'zh-HANT': { Failure: '失敗', Success: '成功' },
});

/** TermsAudience, as the console names each value. */
export const termsAudienceLabels = defineEnumLabels<TermsAudience>({
  en: { Everyone: 'Everyone (members and guests)', Guests: 'Guests', None: 'Nobody' },
  de: { Everyone: 'Alle (Mitglieder und Gäste)', Guests: 'Gäste', None: 'Niemand' },
  es: { Everyone: 'Todos (miembros e invitados)', Guests: 'Invitados', None: 'Nadie' },
  fr: { Everyone: 'Tout le monde (membres et invités)', Guests: 'Invités', None: 'Personne' },
  it: { Everyone: 'Tutti (membri e ospiti)', Guests: 'Ospiti', None: 'Nessuno' },
  ja: { Everyone: '全員 (メンバーとゲスト)', Guests: 'ゲスト', None: 'なし' },
  ko: { Everyone: '모두(구성원 및 게스트)', Guests: '게스트', None: '없음' },
  'pt-BR': { Everyone: 'Todos (membros e convidados)', Guests: 'Convidados', None: 'Ninguém' },
  ru: { Everyone: 'Все (участники и гости)', Guests: 'Гости', None: 'Никто' },
  'zh-HANS': { Everyone: '所有人（成员和来宾）', Guests: '来宾', None: '无人' },
  'zh-HANT': { Everyone: '所有人（成員和來賓）', Guests: '來賓', None: '無人' },
});
