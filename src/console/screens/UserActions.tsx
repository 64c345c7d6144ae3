import { useMutation } from 'urql';
import { ErrorNote } from '../errors';
import { graphql } from '../gql';
import type { UserType } from '../gql/graphql';
import { useT } from '../i18n';
import { hrefOf, navigate } from '../router';
import { useActions } from '../ui/action';
import type { ScreenProps } from '.';
import { messages } from './UserAccess.messages';
import { UserCredentials } from './UserCredentials';

const SetEnabled = graphql(`
  mutation ConsoleSetUserEnabled($id: ID!, $enabled: Boolean!) {
    setUserEnabled(id: $id, enabled: $enabled) {
      id
      accountEnabled
    }
  }
`);
const Remove = graphql(`
  mutation ConsoleRemoveUser($id: ID!) {
    removeUser(id: $id)
  }
`);
const RevokeSessions = graphql(`
  mutation ConsoleRevokeSignInSessions($userId: ID!) {
    revokeSignInSessions(userId: $userId)
  }
`);

/** removeUser answers an id, no User: lists that show users refetch all the same. */
const REFRESH_USERS = { additionalTypenames: ['User'] };

export interface ActionTarget {
  readonly id: string;
  readonly displayName: string;
  readonly mail: string;
  readonly userType: UserType;
  readonly accountEnabled: boolean;
}

/**
 * What the viewer may do to one person, as `viewer.permissions` says; anything that ends access asks
 * first, naming the person. The API decides the rest: a UserAdministrator acting on a role holder
 * gets its FORBIDDEN, shown in words.
 */
export function UserActions({ user, viewer, place }: Pick<ScreenProps, 'viewer' | 'place'> & { user: ActionTarget }) {
  const t = useT(messages);
  const { busy, done, failure, run } = useActions();
  const [, setEnabled] = useMutation(SetEnabled);
  const [, remove] = useMutation(Remove);
  const [, revoke] = useMutation(RevokeSessions);
  const name = user.displayName;
  const mayManage = viewer.permissions.includes('ManageUsers');
  const mayResetRedemption = viewer.permissions.includes('ResetRedemption') && user.userType === 'Guest';
  if (!mayManage && !mayResetRedemption) return null;

  const button = (label: string, aria: string, onClick: () => void, danger = false) => (
    <button type="button" className={danger ? 'danger' : undefined} onClick={onClick} aria-label={aria} disabled={busy}>
      {label}
    </button>
  );
  const onRemove = async () => {
    const removed = await run({
      confirm: t('confirmRemove', { name, email: user.mail }),
      perform: () => remove({ id: user.id }, REFRESH_USERS),
      done: '',
    });
    if (removed) navigate(hrefOf(place.tenantId, 'users'));
  };

  return (
    <section aria-labelledby="user-actions">
      <h2 id="user-actions">{t('actions')}</h2>
      {done && <p role="status">{done}</p>}
      <ErrorNote error={failure?.error} />
      {mayManage && (
        <div className="actions">
          {user.accountEnabled
            ? button(t('disable'), t('disableWho', { name }), () => {
                void run({
                  confirm: t('confirmDisable', { name }),
                  perform: () => setEnabled({ id: user.id, enabled: false }),
                  done: t('disabled', { name }),
                });
              })
            : button(t('enable'), t('enableWho', { name }), () => {
                void run({ perform: () => setEnabled({ id: user.id, enabled: true }), done: t('enabledDone', { name }) });
              })}
          {button(t('revoke'), t('revokeWho', { name }), () => {
            void run({ confirm: t('confirmRevoke', { name }), perform: () => revoke({ userId: user.id }), done: t('revoked', { name }) });
          })}
          {button(t('remove'), t('removeWho', { name }), () => void onRemove(), true)}
        </div>
      )}
      <UserCredentials user={user} mayManage={mayManage} mayResetRedemption={mayResetRedemption} />
    </section>
  );
}
