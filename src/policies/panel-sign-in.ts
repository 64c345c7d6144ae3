import type { Clock } from '../shared/clock.js';
import type { SecretBox } from '../shared/secrets.js';

/** How long a panel sign-in's start is honoured: time enough to complete or enrol a second factor. */
export const PANEL_SIGN_IN_TTL_MS = 15 * 60 * 1000;

/** A sign-in to a tenant's access panel: when it began, and that start sealed for the return path. */
export interface PanelSignIn {
  startedAt: Date;
  sealed: string;
}

interface SealedStart {
  tenantId: string;
  userId: string;
  startedAt: number;
}

/**
 * When a person's sign-in to a tenant's access panel began: the panel's counterpart of the OIDC
 * interaction's start, which decides whether a guest's second factor was completed for this tenant
 * (policy-decision.ts, mfaCounts). It travels in the panel's return path through the second-factor
 * pages (`/<tenant>/myapps?since=`), sealed (SecretBox) so the browser cannot move it back, bound to
 * the tenant and the person, and honoured for PANEL_SIGN_IN_TTL_MS only.
 */
export class PanelSignIns {
  constructor(
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** A sign-in beginning now. */
  begin(tenantId: string, userId: string): PanelSignIn {
    const startedAt = this.clock.now();
    const start: SealedStart = { tenantId, userId, startedAt: startedAt.getTime() };
    return { startedAt, sealed: this.box.seal(JSON.stringify(start)) };
  }

  /** The sign-in `sealed` names, when it is genuine, for this tenant and person, and not expired; else null. */
  read(sealed: unknown, tenantId: string, userId: string): PanelSignIn | null {
    if (typeof sealed !== 'string' || sealed.length > 512) return null;
    let start: Partial<SealedStart>;
    try {
      start = JSON.parse(this.box.open(sealed)) as Partial<SealedStart>;
    } catch {
      return null;
    }
    const age = this.clock.now().getTime() - (start.startedAt ?? Number.NaN);
    if (start.tenantId !== tenantId || start.userId !== userId || !(age >= 0 && age <= PANEL_SIGN_IN_TTL_MS)) return null;
    return { startedAt: new Date(start.startedAt!), sealed };
  }
}
