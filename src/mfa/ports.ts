/**
 * Whether a policy requires multi-factor sign-in of a home account (anywhere it signs in): while it
 * does, the account's last method cannot be removed. Implemented by the composition root (the
 * tenant security policies, src/policies/, at integration).
 */
export interface MfaRequirement {
  requiredFor(homeUserId: string): Promise<boolean>;
}
