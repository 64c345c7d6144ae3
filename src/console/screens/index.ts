import { type ComponentType, createElement, lazy } from 'react';
import type { Client } from 'urql';
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
  readonly component: ScreenComponent;
}

/**
 * What a screen's module may export beside its component: `prefetch` starts the screen's first query
 * as soon as the viewer is known, before React has rendered anything (main.tsx), with exactly the
 * variables the screen's own query uses, so the screen finds the answer in urql's cache or in flight.
 */
export type Prefetch = (client: Client, viewer: ConsoleViewer, place: Place) => void;

/** A screen's component, plus a way to fetch its code (and learn its prefetch) before it first renders. */
export type ScreenComponent = ComponentType<ScreenProps> & { preload(): Promise<{ prefetch?: Prefetch }> };

type ScreenModule<K extends string> = Record<K, ComponentType<ScreenProps>> & { prefetch?: Prefetch };

/**
 * A screen's code, loaded when it is first opened: the first page load carries only the frame and
 * the screen it shows, however many screens the console grows. `preload()` starts the download early
 * (main.tsx does it for the screen in the address, alongside the viewer query); once the code is in,
 * the screen renders directly instead of suspending, which spares the landing screen React's
 * throttled reveal of a Suspense boundary (about 300 ms).
 */
function load<K extends string>(loader: () => Promise<ScreenModule<K>>, name: K): ScreenComponent {
  let loaded: ComponentType<ScreenProps> | null = null;
  let pending: Promise<ScreenModule<K>> | null = null;
  const preload = () =>
    (pending ??= loader().then(
      (module) => {
        loaded = module[name];
        return module;
      },
      (error: unknown) => {
        pending = null; // a failed download is tried again when the screen is next opened
        throw error;
      },
    ));
  const Lazy = lazy(async (): Promise<{ default: ComponentType<ScreenProps> }> => ({ default: (await preload())[name] }));
  const Loaded = (props: ScreenProps) => createElement(loaded ?? Lazy, props);
  return Object.assign(Loaded, { preload });
}

/** Whether the viewer's permissions open this screen (the navigation shows only these). */
export const mayOpen = (screen: ScreenDef, viewer: Pick<ConsoleViewer, 'permissions'>): boolean =>
  screen.permission === null || viewer.permissions.includes(screen.permission);

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
