import type { Language } from '../invitations/languages.js';

/** Strings of the redemption, sign-in and access-panel pages; `{name}` placeholders as in catalog.ts. */
const en = {
  'review.title': 'Review invitation',
  'review.heading': '{tenant} invites you',
  'review.intro': '{inviter} invited {email} to access applications in {tenant}.',
  'review.apps': 'You will be able to use:',
  'review.noApps': 'Apps will appear in your access panel once they are assigned to you.',
  'review.privacy': 'Privacy statement of {tenant}',
  'review.noPrivacy': '{tenant} has not provided a privacy statement.',
  'review.accept': 'Accept',
  'review.decline': 'Decline',
  'declined.title': 'Invitation declined',
  'declined.text': 'You declined the invitation. You can still accept it later from the same link while it is valid.',
  'signin.title': 'Sign in',
  'signin.intro': 'Sign in with your account to continue.',
  'signin.email': 'Email address',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'code.title': 'Verify your email address',
  'code.intro': 'We sent a 6-digit code to {email}. Enter it below. It is valid for 10 minutes.',
  'code.label': 'Code',
  'code.submit': 'Verify',
  'code.resend': 'Send a new code',
  'code.sent': 'A new code is on its way.',
  'profile.title': 'Create your account',
  'profile.intro': 'Your address {email} is verified. Choose the name others will see and a password.',
  'profile.name': 'Display name',
  'profile.password': 'Password (at least 10 characters)',
  'profile.submit': 'Create account and accept',
  'switch.title': 'Switch account',
  'switch.text': 'You are signed in as {current}, but this invitation is for {email}.',
  'switch.submit': 'Sign in as {email}',
  'error.title': 'Something went wrong',
  'denied.title': 'Access denied',
  'denied.back': 'Back to the application',
  'myapps.title': 'My apps',
  'myapps.heading': 'Your apps in {tenant}',
  'myapps.empty': 'No apps have been assigned to you yet. They will appear here when an administrator gives you access.',
  'myapps.signedInAs': 'Signed in as {email}',
  'myapps.signOut': 'Sign out',
};

export type PageKey = keyof typeof en;

const PAGES: Partial<Record<Language, Partial<Record<PageKey, string>>>> = { en };

/**
 * Page text in the invitation's language. Only English is written yet; other languages fall back
 * to it key by key (the invitation email itself is fully translated, see catalog.ts).
 */
export function pageText(language: string, key: PageKey, values: Record<string, string> = {}): string {
  const template = PAGES[language as Language]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
