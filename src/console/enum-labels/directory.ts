/** Labels of the API's enums: roles, assignments, API scopes and domains, in the 11 page languages. */
import type { ApiScope, AssignmentPrincipalType, DirectoryRole, DomainState } from '../gql/graphql';
import { defineEnumLabels } from './define';

/** DirectoryRole, as the console names each value. */
export const directoryRoleLabels = defineEnumLabels<DirectoryRole>({
  en: { GlobalAdministrator: 'Global Administrator', GuestInviter: 'Guest Inviter', UserAdministrator: 'User Administrator' },
  de: { GlobalAdministrator: 'Globaler Administrator', GuestInviter: 'Gasteinladender', UserAdministrator: 'Benutzeradministrator' },
  es: {
    GlobalAdministrator: 'Administrador global',
    GuestInviter: 'Invitador de invitados',
    UserAdministrator: 'Administrador de usuarios',
  },
  fr: { GlobalAdministrator: 'Administrateur général', GuestInviter: 'Inviteur', UserAdministrator: 'Administrateur d’utilisateurs' },
  it: { GlobalAdministrator: 'Amministratore globale', GuestInviter: 'Invitante ospiti', UserAdministrator: 'Amministratore utenti' },
  ja: { GlobalAdministrator: 'グローバル管理者', GuestInviter: 'ゲストの招待元', UserAdministrator: 'ユーザー管理者' },
  ko: { GlobalAdministrator: '전역 관리자', GuestInviter: '게스트 초대자', UserAdministrator: '사용자 관리자' },
  'pt-BR': { GlobalAdministrator: 'Administrador global', GuestInviter: 'Convidador', UserAdministrator: 'Administrador de usuários' },
  ru: {
    GlobalAdministrator: 'Глобальный администратор',
    GuestInviter: 'Приглашающий гостей',
    UserAdministrator: 'Администратор пользователей',
  },
  'zh-HANS': { GlobalAdministrator: '全局管理员', GuestInviter: '来宾邀请者', UserAdministrator: '用户管理员' },
  'zh-HANT': { GlobalAdministrator: '全域管理員', GuestInviter: '來賓邀請者', UserAdministrator: '使用者管理員' },
});

/** AssignmentPrincipalType, as the console names each value. */
export const assignmentPrincipalTypeLabels = defineEnumLabels<AssignmentPrincipalType>({
  en: { Group: 'Group', User: 'User' },
  de: { Group: 'Gruppe', User: 'Benutzer' },
  es: { Group: 'Grupo', User: 'Usuario' },
  fr: { Group: 'Groupe', User: 'Utilisateur' },
  it: { Group: 'Gruppo', User: 'Utente' },
  ja: { Group: 'グループ', User: 'ユーザー' },
  ko: { Group: '그룹', User: '사용자' },
  'pt-BR': { Group: 'Grupo', User: 'Usuário' },
  ru: { Group: 'Группа', User: 'Пользователь' },
  'zh-HANS': { Group: '组', User: '用户' },
  'zh-HANT': { Group: '群組', User: '使用者' },
});

/** ApiScope, as the console names each value. */
export const apiScopeLabels = defineEnumLabels<ApiScope>({
  en: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  de: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  es: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  fr: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  it: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  ja: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  ko: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  'pt-BR': { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  ru: { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  'zh-HANS': { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
  'zh-HANT': { DirectoryAccessAsUserAll: 'Directory.AccessAsUser.All', DirectoryReadAll: 'Directory.Read.All' },
});

/** DomainState, as the console names each value. */
export const domainStateLabels = defineEnumLabels<DomainState>({
  en: { Unverified: 'Unverified', Verified: 'Verified' },
  de: { Unverified: 'Nicht verifiziert', Verified: 'Verifiziert' },
  es: { Unverified: 'Sin verificar', Verified: 'Verificado' },
  fr: { Unverified: 'Non vérifié', Verified: 'Vérifié' },
  it: { Unverified: 'Non verificato', Verified: 'Verificato' },
  ja: { Unverified: '未確認', Verified: '確認済み' },
  ko: { Unverified: '확인되지 않음', Verified: '확인됨' },
  'pt-BR': { Unverified: 'Não verificado', Verified: 'Verificado' },
  ru: { Unverified: 'Не подтверждён', Verified: 'Подтверждён' },
  'zh-HANS': { Unverified: '未验证', Verified: '已验证' },
  'zh-HANT': { Unverified: '未驗證', Verified: '已驗證' },
});
