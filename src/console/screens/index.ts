import { type ComponentType, lazy } from 'react';
import type { Permission } from '../gql/graphql';
import type { Place } from '../router';
import { navLabels } from './nav.messages';

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
  /** Its name in the navigation (screens/nav.messages.ts). */
  readonly label: keyof (typeof navLabels)['en'];
  /** Shown (and opened) only when the viewer holds this permission; null: every administrator. */
  readonly permission: Permission | null;
  readonly component: ComponentType<ScreenProps>;
}

/**
 * A screen's code, loaded when it is first opened: the first page load carries only the frame and
 * the screen it shows, however many screens the console grows.
 */
const load = <K extends string>(loader: () => Promise<Record<K, ComponentType<ScreenProps>>>, name: K) =>
  lazy(async () => ({ default: (await loader())[name] }));

/** The screens in navigation order. Add a screen here (and its name in nav.messages.ts) and nowhere else. */
export const SCREENS: readonly ScreenDef[] = [
  { path: '', label: 'overview', permission: null, component: load(() => import('./Overview'), 'Overview') },
  { path: 'invite', label: 'invite', permission: 'InviteGuests', component: load(() => import('./Invite'), 'Invite') },
  { path: 'bulk', label: 'bulk', permission: 'InviteGuests', component: load(() => import('./BulkInvite'), 'BulkInvite') },
  {
    path: 'invitations',
    label: 'invitations',
    permission: 'ReadInvitations',
    component: load(() => import('./Invitations'), 'Invitations'),
  },
  { path: 'batches', label: 'batches', permission: 'ReadInvitations', component: load(() => import('./Batches'), 'Batches') },
  { path: 'users', label: 'users', permission: 'ReadDirectory', component: load(() => import('./Users'), 'Users') },
  { path: 'groups', label: 'groups', permission: 'ReadDirectory', component: load(() => import('./Groups'), 'Groups') },
  { path: 'apps', label: 'apps', permission: 'ReadDirectory', component: load(() => import('./Applications'), 'Applications') },
  { path: 'partners', label: 'partners', permission: 'ReadDirectory', component: load(() => import('./Partners'), 'Partners') },
  {
    path: 'partner-policy',
    label: 'partnerPolicy',
    permission: 'ManageTenant',
    component: load(() => import('./PartnerPolicy'), 'PartnerPolicy'),
  },
  { path: 'audit', label: 'audit', permission: 'ReadAuditLog', component: load(() => import('./AuditLog'), 'AuditLog') },
  { path: 'sign-ins', label: 'signIns', permission: 'ReadSignInLog', component: load(() => import('./SignInLog'), 'SignInLog') },
  {
    path: 'settings',
    label: 'settings',
    permission: 'ReadTenantConfiguration',
    component: load(() => import('./Settings'), 'Settings'),
  },
];
