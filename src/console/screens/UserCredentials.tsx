import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { ErrorNote, problemOf, useProblemText } from '../errors';
import { graphql } from '../gql';
import { useT } from '../i18n';
import { useActions } from '../ui/action';
import type { ActionTarget } from './UserActions';
import { messages } from './UserCredentials.messages';

const ResetMfa = graphql(`
  mutation ConsoleResetUserMfa($userId: ID!) {
    resetUserMfa(userId: $userId)
  }
`);
const ResetPassword = graphql(`
  mutation ConsoleResetUserPassword($userId: ID!) {
    resetUserPassword(userId: $userId) {
      id
    }
  }
`);
const SendReset = graphql(`
  mutation ConsoleSendPasswordReset($userId: ID!) {
    sendPasswordReset(userId: $userId)
  }
`);
const ResetRedemption = graphql(`
  mutation ConsoleResetRedemption($userId: ID!, $newEmail: String!) {
    resetRedemption(userId: $userId, newEmail: $newEmail) {
      id
      invitedUser {
        id
        mail
        externalUserState
      }
    }
  }
`);

/**
 * A member's second factors and password (its own credentials), and a guest's redemption, bound anew
 * to another address that the administrator types in.
 */
export function UserCredentials(props: { user: ActionTarget; mayManage: boolean; mayResetRedemption: boolean }) {
  const { user, mayManage, mayResetRedemption } = props;
  const t = useT(messages);
  const problemText = useProblemText();
  const { busy, done, failure, run } = useActions();
  const [newEmail, setNewEmail] = useState('');
  const [, resetMfa] = useMutation(ResetMfa);
  const [, resetPassword] = useMutation(ResetPassword);
  const [, sendReset] = useMutation(SendReset);
  const [, resetRedemption] = useMutation(ResetRedemption);
  const name = user.displayName;
  const isMember = user.userType === 'Member';
  const emailProblem = failure?.place === 'newEmail' ? problemOf(failure.error) : null;

  const onResetRedemption = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = newEmail.trim();
    void run({
      confirm: t('confirmResetRedemption', { name, email }),
      perform: () => resetRedemption({ userId: user.id, newEmail: email }),
      done: t('redemptionReset', { email }),
      place: 'newEmail',
    });
  };
  const button = (label: string, aria: string, onClick: () => void) => (
    <button type="button" onClick={onClick} aria-label={aria} disabled={busy}>
      {label}
    </button>
  );

  if (!(mayManage && isMember) && !mayResetRedemption) return null;
  return (
    <>
      {done && <p role="status">{done}</p>}
      {!emailProblem && <ErrorNote error={failure?.error} />}
      {mayManage && isMember && (
        <div className="actions">
          {button(t('resetMfa'), t('resetMfaWho', { name }), () => {
            void run({
              confirm: t('confirmResetMfa', { name }),
              perform: () => resetMfa({ userId: user.id }),
              done: t('mfaReset', { name }),
            });
          })}
          {button(t('resetPassword'), t('resetPasswordWho', { name }), () => {
            void run({
              confirm: t('confirmResetPassword', { name }),
              perform: () => resetPassword({ userId: user.id }),
              done: t('passwordReset', { name }),
            });
          })}
          {button(t('sendReset'), t('sendResetWho', { name }), () => {
            void run({ perform: () => sendReset({ userId: user.id }), done: t('resetSent', { name }) });
          })}
        </div>
      )}
      {mayResetRedemption && (
        <form className="form" onSubmit={onResetRedemption} aria-label={t('resetRedemptionWho', { name })}>
          <p className="field">
            <label htmlFor="newEmail">{t('newEmail')}</label>
            <input
              id="newEmail"
              type="email"
              required
              value={newEmail}
              onChange={(e) => setNewEmail(e.target.value)}
              aria-invalid={emailProblem ? true : undefined}
              aria-describedby={emailProblem ? 'newEmail-error' : undefined}
            />
            {emailProblem && (
              <span className="error" id="newEmail-error">
                {problemText(emailProblem)}
              </span>
            )}
          </p>
          <p>
            <button type="submit" disabled={busy} aria-label={t('resetRedemptionWho', { name })}>
              {t('resetRedemption')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}
