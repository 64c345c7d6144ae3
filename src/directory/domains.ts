import { DomainError, ErrorCode } from '../shared/errors.js';

const DOMAIN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/;

export function normalizeDomain(raw: string): string {
  const domain = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw new DomainError(ErrorCode.BAD_USER_INPUT, `Invalid domain name: ${raw}`);
  return domain;
}
