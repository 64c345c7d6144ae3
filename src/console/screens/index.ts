import type { ComponentType } from 'react';
import type { Permission } from '../gql/graphql';
import type { Language } from '../i18n';
import type { Place } from '../router';
import { Applications } from './Applications';
import { BulkInvite } from './BulkInvite';
import { Groups } from './Groups';
import { Invitations } from './Invitations';
import { Invite } from './Invite';
import { Overview } from './Overview';
import { PartnerPolicy } from './PartnerPolicy';
import { Partners } from './Partners';
import { Users } from './Users';

/** Who is signed in, as the API says: roles and, from the permission matrix, what they may do. */
export interface ConsoleViewer {
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly permissions: readonly Permission[];
  readonly tenant: { readonly id: string; readonly name: string };
}

export interface ScreenProps {
  readonly viewer: ConsoleViewer;
  readonly place: Place;
}

/** One screen of the console: its address, its name in the navigation, and who may open it. */
export interface ScreenDef {
  /** The path segment after /admin/<tenant>/ ('' for the overview). */
  readonly path: string;
  readonly label: Readonly<Record<Language, string>>;
  /** Shown (and opened) only when the viewer holds this permission; null: every administrator. */
  readonly permission: Permission | null;
  readonly component: ComponentType<ScreenProps>;
}

/** The screens in navigation order. Add a screen here and nowhere else. */
export const SCREENS: readonly ScreenDef[] = [
  {
    path: '',
    permission: null,
    component: Overview,
    label: {
      en: 'Overview',
      de: 'Übersicht',
      es: 'Resumen',
      fr: 'Vue d’ensemble',
      it: 'Panoramica',
      ja: '概要',
      ko: '개요',
      'pt-BR': 'Visão geral',
      ru: 'Обзор',
      'zh-HANS': '概览',
      'zh-HANT': '概覽',
    },
  },
  {
    path: 'invite',
    permission: 'InviteGuests',
    component: Invite,
    label: {
      en: 'Invite',
      de: 'Einladen',
      es: 'Invitar',
      fr: 'Inviter',
      it: 'Invita',
      ja: '招待',
      ko: '초대',
      'pt-BR': 'Convidar',
      ru: 'Пригласить',
      'zh-HANS': '邀请',
      'zh-HANT': '邀請',
    },
  },
  {
    path: 'bulk',
    permission: 'InviteGuests',
    component: BulkInvite,
    label: {
      en: 'Bulk invite',
      de: 'Sammeleinladung',
      es: 'Invitación masiva',
      fr: 'Invitation groupée',
      it: 'Invito multiplo',
      ja: '一括招待',
      ko: '일괄 초대',
      'pt-BR': 'Convite em massa',
      ru: 'Массовое приглашение',
      'zh-HANS': '批量邀请',
      'zh-HANT': '批次邀請',
    },
  },
  {
    path: 'invitations',
    permission: 'ReadInvitations',
    component: Invitations,
    label: {
      en: 'Invitations',
      de: 'Einladungen',
      es: 'Invitaciones',
      fr: 'Invitations',
      it: 'Inviti',
      ja: '招待一覧',
      ko: '초대 목록',
      'pt-BR': 'Convites',
      ru: 'Приглашения',
      'zh-HANS': '邀请列表',
      'zh-HANT': '邀請清單',
    },
  },
  {
    path: 'partners',
    permission: 'ReadDirectory',
    component: Partners,
    label: {
      en: 'Partners',
      de: 'Partner',
      es: 'Socios',
      fr: 'Partenaires',
      it: 'Partner',
      ja: 'パートナー',
      ko: '파트너',
      'pt-BR': 'Parceiros',
      ru: 'Партнёры',
      'zh-HANS': '合作伙伴',
      'zh-HANT': '合作夥伴',
    },
  },
  {
    path: 'partner-policy',
    permission: 'ManageTenant',
    component: PartnerPolicy,
    label: {
      en: 'Partner policy',
      de: 'Partnerrichtlinie',
      es: 'Política de socios',
      fr: 'Politique partenaires',
      it: 'Criterio partner',
      ja: 'パートナー ポリシー',
      ko: '파트너 정책',
      'pt-BR': 'Política de parceiros',
      ru: 'Политика партнёров',
      'zh-HANS': '合作伙伴策略',
      'zh-HANT': '合作夥伴原則',
    },
  },
  {
    path: 'apps',
    permission: 'ReadDirectory',
    component: Applications,
    label: {
      en: 'Applications',
      de: 'Anwendungen',
      es: 'Aplicaciones',
      fr: 'Applications',
      it: 'Applicazioni',
      ja: 'アプリケーション',
      ko: '애플리케이션',
      'pt-BR': 'Aplicativos',
      ru: 'Приложения',
      'zh-HANS': '应用程序',
      'zh-HANT': '應用程式',
    },
  },
  {
    path: 'groups',
    permission: 'ReadDirectory',
    component: Groups,
    label: {
      en: 'Groups',
      de: 'Gruppen',
      es: 'Grupos',
      fr: 'Groupes',
      it: 'Gruppi',
      ja: 'グループ',
      ko: '그룹',
      'pt-BR': 'Grupos',
      ru: 'Группы',
      'zh-HANS': '组',
      'zh-HANT': '群組',
    },
  },
  {
    path: 'users',
    permission: 'ReadDirectory',
    component: Users,
    label: {
      en: 'Users',
      de: 'Benutzer',
      es: 'Usuarios',
      fr: 'Utilisateurs',
      it: 'Utenti',
      ja: 'ユーザー',
      ko: '사용자',
      'pt-BR': 'Usuários',
      ru: 'Пользователи',
      'zh-HANS': '用户',
      'zh-HANT': '使用者',
    },
  },
];
