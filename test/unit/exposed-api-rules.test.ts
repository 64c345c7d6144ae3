import { describe, expect, it } from 'vitest';
import { AppRoleMemberType } from '../../src/apps/exposed-api.entity.js';
import {
  enabledRoles,
  enabledScopes,
  normalizeAppRoles,
  normalizeIdentifierUri,
  normalizeScopes,
} from '../../src/apps/exposed-api.rules.js';

const APP_ID = '01a20000-0000-7000-8000-0000000000aa';
const GATEWAY = 'https://gateway.example/graphql';
const code = (run: () => unknown) => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('what an exposed API may be', () => {
  it('is identified by api://<its appId> or an https URL in its own spelling, never the gateway API', () => {
    expect(normalizeIdentifierUri(`api://${APP_ID}`, APP_ID, GATEWAY)).toBe(`api://${APP_ID}`);
    expect(normalizeIdentifierUri(' https://api.contoso.example/files ', APP_ID, GATEWAY)).toBe('https://api.contoso.example/files');
    expect(normalizeIdentifierUri('https://api.contoso.example/', APP_ID, GATEWAY)).toBe('https://api.contoso.example/');
    for (const bad of [
      GATEWAY,
      `${GATEWAY}/`,
      'api://someone-else',
      'http://api.contoso.example',
      'HTTPS://api.contoso.example/files',
      'https://api.contoso.example/files?x=1',
      'https://api.contoso.example/files#f',
      'https://user:pw@api.contoso.example',
      'not a url',
    ]) {
      expect([bad, code(() => normalizeIdentifierUri(bad, APP_ID, GATEWAY))]).toEqual([bad, 'BAD_USER_INPUT']);
    }
  });

  it('defines scopes and roles with plain values, once each, never an OpenID scope', () => {
    const scope = (value: string) => ({ value, adminConsentDescription: 'd', enabled: true });
    expect(code(() => normalizeScopes([scope('Files.Read'), scope('Files.Read')]))).toBe('BAD_USER_INPUT');
    expect(code(() => normalizeScopes([scope('openid')]))).toBe('BAD_USER_INPUT');
    expect(code(() => normalizeScopes([scope('a b')]))).toBe('BAD_USER_INPUT');
    expect(code(() => normalizeScopes([{ value: 'X', adminConsentDescription: ' ', enabled: true }]))).toBe('BAD_USER_INPUT');
    const role = (value: string, allowedMemberTypes: AppRoleMemberType[]) => ({
      value,
      displayName: 'R',
      allowedMemberTypes,
      enabled: true,
    });
    expect(code(() => normalizeAppRoles([role('R', [])]))).toBe('BAD_USER_INPUT');
    expect(code(() => normalizeAppRoles([role('R', ['Robot' as AppRoleMemberType])]))).toBe('BAD_USER_INPUT');
    expect(code(() => normalizeAppRoles([role('R', [AppRoleMemberType.User]), role('R', [AppRoleMemberType.User])]))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('offers only enabled scopes, and enabled roles for the right kind of member', () => {
    const api = {
      scopes: [
        { value: 'On', adminConsentDescription: 'd', enabled: true },
        { value: 'Off', adminConsentDescription: 'd', enabled: false },
      ],
      appRoles: [
        { value: 'People', displayName: 'P', allowedMemberTypes: [AppRoleMemberType.User], enabled: true },
        { value: 'Apps', displayName: 'A', allowedMemberTypes: [AppRoleMemberType.Application], enabled: true },
        { value: 'Gone', displayName: 'G', allowedMemberTypes: [AppRoleMemberType.Application], enabled: false },
      ],
    };
    expect(enabledScopes(api)).toEqual(['On']);
    expect(enabledRoles(api, AppRoleMemberType.User)).toEqual(['People']);
    expect(enabledRoles(api, AppRoleMemberType.Application)).toEqual(['Apps']);
  });
});
