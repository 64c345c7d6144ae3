/** The GraphQL operations the listing benchmarks send (bench/graphql.ts, bench/growth-load.ts). */

/** A page of invitations, plain. */
export const LIST_QUERY = `query List($first: Int, $after: String, $filter: InvitationFilterInput) {
  invitations(first: $first, after: $after, filter: $filter) {
    nodes { id email displayName status language createdAt expiresAt }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** A page of partners, with or without each one's pending invitation count. */
export const PARTNERS_QUERY = (pending: boolean) => `query Partners($first: Int) {
  partners(first: $first) {
    nodes { id name kind domains guestCount ${pending ? 'pendingInvitations ' : ''}lastSignInAt }
    pageInfo { hasNextPage endCursor }
  }
}`;
/** A page of invitations with each one's guest and delivery (batched by DataLoader in the gateway). */
export const NESTED_QUERY = `query List($first: Int, $after: String, $filter: InvitationFilterInput) {
  invitations(first: $first, after: $after, filter: $filter) {
    nodes {
      id email displayName status language createdAt expiresAt
      invitedUser { id displayName mail userPrincipalName externalUserState }
      delivery { outboxMessageId status attempts sentAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
