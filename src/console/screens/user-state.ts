import type { ExternalUserState, UserType } from '../gql/graphql';
import type { Translate } from '../i18n';
import type { messages } from './UserWords.messages';

/** Where a person stands: a guest's invitation state, or whether a member has activated. */
export function stateText(
  t: Translate<keyof (typeof messages)['en']>,
  user: { userType: UserType; externalUserState?: ExternalUserState | null; activationPending: boolean },
): string {
  if (user.userType === 'Guest') return user.externalUserState ? t(user.externalUserState) : '—';
  return user.activationPending ? t('activationPending') : t('active');
}
