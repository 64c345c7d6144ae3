import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SecretBox } from '../shared/secrets.js';

/** A WebAuthn challenge lives five minutes. */
export const CEREMONY_TTL_MS = 5 * 60 * 1000;

export type CeremonyPurpose = 'register' | 'authenticate';

/** What the passkey ceremonies read of a browser session (structurally the accounts module's OpenSession). */
export interface CeremonySession {
  session: {
    userId: string | null;
    pendingUserId: string | null;
    mfaChallenge: string | null;
    amr: string | null;
    authenticatedAt: Date | null;
    mfaAt: Date | null;
  };
}

/** Where the sealed ceremony state is kept: the browser session's row (BrowserSessionService fits). */
export interface CeremonyStore {
  update(open: CeremonySession, changes: { mfaChallenge: string | null }): Promise<void>;
  /** The stored state, cleared at once: null when there was none or a concurrent request took it first. */
  takeMfaChallenge(open: CeremonySession): Promise<string | null>;
}

interface CeremonyState {
  challenge: string;
  purpose: CeremonyPurpose;
  userId: string;
  expiresAt: number;
}

export const passkeyFailed = (message = 'The passkey could not be used. Try again.') => new DomainError(ErrorCode.PASSKEY_FAILED, message);

/**
 * The challenge of a WebAuthn ceremony: sealed (SecretBox) in the browser session that asked for it,
 * so it is bound to that session; it names its purpose and person, expires after five minutes and
 * is cleared on its first read whatever the outcome, so it is used at most once.
 */
export class CeremonyChallenges {
  constructor(
    private readonly store: CeremonyStore,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async start(open: CeremonySession, purpose: CeremonyPurpose, userId: string, challenge: string): Promise<void> {
    const state: CeremonyState = { challenge, purpose, userId, expiresAt: this.clock.now().getTime() + CEREMONY_TTL_MS };
    await this.store.update(open, { mfaChallenge: this.box.seal(JSON.stringify(state)) });
  }

  /**
   * The challenge to expect for `purpose` and `userId`, taken out of the session.
   * @throws PASSKEY_FAILED when there is none, it expired, or it was issued for another purpose or person
   */
  async take(open: CeremonySession, purpose: CeremonyPurpose, userId: string): Promise<string> {
    const sealed = await this.store.takeMfaChallenge(open);
    const state = sealed ? this.read(sealed) : null;
    if (!state || state.purpose !== purpose || state.userId !== userId || state.expiresAt <= this.clock.now().getTime())
      throw passkeyFailed('This passkey request has expired. Try again.');
    return state.challenge;
  }

  private read(sealed: string): CeremonyState | null {
    try {
      return JSON.parse(this.box.open(sealed)) as CeremonyState;
    } catch {
      return null;
    }
  }
}
