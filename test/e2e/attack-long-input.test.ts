import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { twoTenants } from '../helpers/fixtures.js';
import { schemaOperations, schemaRootFields } from '../helpers/schema-operations.js';
import { holdOneOfEach, type TenantObjects } from '../helpers/tenant-objects.js';
import type { GraphQLClient } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import * as ops from '../graphql/generated.js';

/**
 * Every string a client can send, too long for any column: for every operation of the schema, each
 * String or ID argument, and each string field of the input objects its valid call gives, is in turn
 * set to LONG characters (plain, as an https URL, as a domain name), the rest of the call valid and
 * naming real objects of the caller's tenant. None may be answered INTERNAL_SERVER_ERROR or a 5xx, on
 * SQLite (which stores any length) as on PostgreSQL (whose varchar columns refuse). Earlier outside
 * attacks found such holes one column at a time; this walks them all, and fails when the schema gains
 * an operation without a valid call below. (The CSV upload is a file, with its own attack suites.)
 */
const LONG = 5000;
const SHAPES: [string, string][] = [
  ['plain', 'x'.repeat(LONG)],
  ['URL', `https://long.example/${'p'.repeat(LONG)}`],
  ['domain', `${'d'.repeat(LONG)}.example`],
];

type Variables = Record<string, unknown>;
/**
 * Valid calls of each operation (n makes what must be unique unique; several where an input has parts
 * only one kind of call gives). The identity provider is registered in the other tenant, whose one
 * verified domain no provider answers for yet (see `registersIn`).
 */
function validCalls(o: TenantObjects, n: number, domain: string, otherDomain: string): Record<string, Variables | Variables[]> {
  const user = { type: 'User', id: o.guestId };
  return {
    viewer: {},
    tenant: {},
    users: { first: 5, after: null, filter: { search: 'guest' } },
    user: { id: o.guestId },
    groups: { first: 5 },
    group: { id: o.groupId },
    applications: { first: 5 },
    application: { id: o.appId },
    partners: { first: 5, search: 'partner' },
    partner: { id: o.partnerId },
    invitations: { first: 5, filter: { search: 'guest' } },
    invitation: { id: o.invitationId },
    invitationBatches: { first: 5 },
    invitationBatch: { id: o.batchId },
    invitationBatchReport: { id: o.batchId },
    invitationPreview: { input: { invitationText: 'Welcome', language: 'en', settings: { displayName: 'Preview' } } },
    outbox: { first: 5 },
    auditEvents: { first: 5, filter: { targetId: o.guestId } },
    signIns: { first: 5, filter: { userId: o.guestId } },
    termsAcceptances: { first: 5 },
    domains: {},
    identityProviders: {},
    securityPolicy: {},
    signingKeys: {},
    createUser: { input: { email: `fuzz${n}@${domain}`, displayName: 'Fuzz', givenName: 'F', familyName: 'Z', preferredLanguage: 'en' } },
    createGroup: { input: { displayName: `Fuzz ${n}`, description: 'fuzz' } },
    createApplication: [
      { input: { displayName: `Fuzz ${n}`, replyUrls: ['https://fuzz.example/cb'], homepageUrl: 'https://fuzz.example' } },
      {
        input: {
          displayName: `Fuzz SAML ${n}`,
          protocol: 'SAML',
          saml: {
            entityId: `urn:fuzz:${n}`,
            acsUrls: ['https://sp.fuzz.example/acs'],
            logoutUrl: 'https://sp.fuzz.example/logout',
            relayState: '/start',
          },
        },
      },
    ],
    updateApplication: [
      { id: o.appId, input: { displayName: 'Shared', homepageUrl: 'https://fuzz.example' } },
      { id: o.samlAppId, input: { saml: { relayState: '/start' } } },
    ],
    deleteApplication: { id: o.clientAppId },
    addApplicationSecret: { applicationId: o.appId, input: { displayName: `fuzz ${n}` } },
    removeApplicationSecret: { applicationId: o.appId, secretId: o.secretId },
    exposeApi: {
      applicationId: o.appId,
      input: { identifierUri: `api://fuzz-${n}`, scopes: [{ value: 'Files.Read', adminConsentDescription: 'Read' }] },
    },
    removeExposedApi: { applicationId: o.appId },
    grantApiAccess: { applicationId: o.appId, scopes: ['DirectoryReadAll'] },
    revokeApiAccess: { applicationId: o.appId },
    grantApiPermissions: { applicationId: o.clientAppId, resourceApplicationId: o.appId, permissions: { scopes: ['Files.Read'] } },
    revokeApiPermissions: { applicationId: o.clientAppId, resourceApplicationId: o.appId },
    assignApplication: { applicationId: o.appId, principal: user },
    unassignApplication: { applicationId: o.appId, principal: user },
    assignDirectoryRole: { principal: { type: 'User', id: o.memberId }, role: 'GuestInviter' },
    unassignDirectoryRole: { principal: { type: 'User', id: o.memberId }, role: 'GuestInviter' },
    inviteUser: {
      input: {
        email: `fuzz${n}@${o.partnerDomain}`,
        displayName: 'Fuzz',
        invitationText: 'Welcome',
        ccEmailAddress: `cc${n}@${o.partnerDomain}`,
        language: 'en',
        redirectUrl: 'https://fuzz.example',
        sendInvitationMessage: false,
      },
    },
    resendInvitation: { id: o.invitationId },
    revokeInvitation: { id: o.invitationId },
    resetRedemption: { userId: o.guestId, newEmail: `moved${n}@${o.partnerDomain}` },
    removeUser: { id: o.memberId },
    setUserEnabled: { id: o.memberId, enabled: true },
    sendPasswordReset: { userId: o.memberId },
    revokeSignInSessions: { userId: o.guestId },
    resetUserMfa: { userId: o.memberId },
    resendActivation: { userId: o.memberId },
    resetUserPassword: { userId: o.memberId },
    addGroupMember: { groupId: o.groupId, userId: o.guestId },
    removeGroupMember: { groupId: o.groupId, userId: o.guestId },
    removePartner: { id: o.partnerId, mode: 'Disable' },
    updateTenantSettings: { input: { displayName: 'Fuzz', privacyUrl: 'https://fuzz.example/privacy' } },
    updatePartnerDomainPolicy: { input: { policy: 'BlockList', domains: ['blocked.example'] } },
    updateSecurityPolicy: { input: { termsDocuments: [{ language: 'en', url: 'https://fuzz.example/terms' }] } },
    rotateSigningKey: { activateInSeconds: 3600 },
    registerIdentityProvider: { input: { issuer: o.upstreamIssuer, clientId: 'c', clientSecret: 's', domains: [otherDomain] } },
    removeIdentityProvider: { id: o.identityProviderId },
    addDomain: { name: `fuzz${n}.example` },
    verifyDomain: { name: o.addedDomain, takeOver: false },
    removeDomain: { name: o.addedDomain },
    retryOutboxMessage: { id: o.outboxMessageId },
  };
}

/** The query text calling `field` with every argument as a variable. */
function queryOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

/** Where a string can go: each String/ID-like scalar argument, and such fields of the input objects given. */
function stringPaths(type: GraphQLInputType, value: unknown, path: (string | number)[]): (string | number)[][] {
  const bare = isNonNullType(type) ? type.ofType : type;
  if (isListType(bare)) {
    const element = bare.ofType as GraphQLInputType;
    const inner = getNamedType(element);
    if (isScalarType(inner) && isStringy(inner.name)) return [[...path, 0]];
    return Array.isArray(value) && value.length ? stringPaths(element, value[0], [...path, 0]) : [];
  }
  if (isScalarType(bare)) return isStringy(bare.name) ? [path] : [];
  if (isInputObjectType(bare) && value && typeof value === 'object') {
    return Object.values(bare.getFields()).flatMap((f) => stringPaths(f.type, (value as Variables)[f.name], [...path, f.name]));
  }
  return [];
}
const isStringy = (scalar: string) => !['Int', 'Float', 'Boolean'].includes(scalar);

async function removeIdentityProviders(admin: GraphQLClient): Promise<void> {
  for (const { id } of (await admin.data(ops.IdentityProvidersDocument, {})).identityProviders)
    await admin.data(ops.RemoveIdentityProviderDocument, { id });
}

/** `variables` with the string at `path` (a list index where the path has a number) set to `value`. */
function withValue(variables: Variables, path: (string | number)[], value: string): Variables {
  const copy = structuredClone(variables);
  let at = copy as Record<string | number, unknown>;
  path.slice(0, -1).forEach((key, i) => {
    at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Record<string | number, unknown>;
  });
  at[path.at(-1)!] = value;
  return copy;
}

describe.each(testDatabases())('attack: every string a client sends, too long (%s)', (kind) => {
  const s = twoTenants(kind, 'http');
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  let objects: TenantObjects;
  let domain: string;

  let otherDomain: string;

  beforeAll(async () => {
    upstream = await startUpstreamIdp(`${s.t.baseUrl}/federation/callback`);
    objects = await holdOneOfEach(s.t, s.a.admin, upstream.issuer);
    domain = objects.memberDomain;
    otherDomain = (await s.b.admin.client.data(ops.DomainsDocument, {})).domains.find((d) => d.isDefault)!.name;
  });
  afterAll(() => upstream.close());

  it('has a valid call for every operation but the file upload', () => {
    const calls = validCalls(objects, 0, domain, otherDomain);
    expect(schemaOperations().filter((f) => !(f in calls) && f !== 'uploadInvitations')).toEqual([]);
  });

  it('answers none of them with a server error', async () => {
    let n = 0;
    const failures: string[] = [];
    const callsOf = (name: string) => [validCalls(objects, ++n, domain, otherDomain)[name]!].flat();
    for (const [kind, field] of schemaRootFields()) {
      if (field.name === 'uploadInvitations') continue;
      const caller = field.name === 'registerIdentityProvider' ? s.b : s.a;
      for (const [which, base] of callsOf(field.name).entries()) {
        const paths = field.args.flatMap((arg: GraphQLArgument) => stringPaths(arg.type, base[arg.name], [arg.name]));
        for (const path of paths)
          for (const [shape, value] of SHAPES) {
            const variables = withValue(callsOf(field.name)[which]!, path, value);
            const response = await fetch(`${s.t.baseUrl}/graphql`, {
              method: 'POST',
              headers: { authorization: `Bearer ${caller.admin.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ query: queryOf(kind, field), variables }),
            });
            const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
            const code = body.errors?.[0]?.extensions?.code;
            if (response.status >= 500 || code === 'INTERNAL_SERVER_ERROR' || (body.errors && !code))
              failures.push(`${field.name}.${path.join('.')} (${shape}): ${response.status} ${code}`);
            // A provider registered with a long value that fits blocks the next call's domain: end it.
            if (field.name === 'registerIdentityProvider' && !body.errors) await removeIdentityProviders(caller.admin.client);
          }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000); // over a thousand requests: minutes on a loaded machine, not the suite's 30 s
});
