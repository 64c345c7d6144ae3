import type { Actor } from '../directory/actor.js';
import type { Services } from '../services.js';
import type { Loaders } from './loaders.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

export interface GraphQLContext {
  actor: Actor | null;
  services: Services;
  requestId: string;
  publicUrl: string;
  csvMaxBytes: number;
  /** Batched, per-request reads for per-row fields. */
  loaders: Loaders;
}

/** @throws UNAUTHENTICATED when the request carried no access token */
export function requireActor(ctx: GraphQLContext): Actor {
  if (!ctx.actor) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'An access token is required: send `Authorization: Bearer <token>`');
  }
  return ctx.actor;
}
