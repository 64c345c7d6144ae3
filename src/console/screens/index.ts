import type { ComponentType } from 'react';
import type { Permission } from '../gql/graphql';
import type { Language } from '../i18n';
import type { Place } from '../router';
import { BulkInvite } from './BulkInvite';
import { Invitations } from './Invitations';
import { Invite } from './Invite';
import { Overview } from './Overview';
import { Settings } from './Settings';

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
    path: 'settings',
    permission: 'ReadTenantConfiguration',
    component: Settings,
    label: {
      en: 'Settings',
      de: 'Einstellungen',
      es: 'Configuración',
      fr: 'Paramètres',
      it: 'Impostazioni',
      ja: '設定',
      ko: '설정',
      'pt-BR': 'Configurações',
      ru: 'Настройки',
      'zh-HANS': '设置',
      'zh-HANT': '設定',
    },
  },
];
