import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARS, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('works on a laptop with no variables: SQLite under ./data, port 4000, 30-day invitations', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: expect.stringMatching(/data\/gateway\.sqlite$/) });
    expect(config.port).toBe(4000);
    expect(config.publicUrl).toBe('http://localhost:4000');
    expect(config.apiResource).toBe('http://localhost:4000/graphql');
    expect(config.invitationTtlDays).toBe(30);
    expect(config.usingDevelopmentSecret).toBe(true);
    expect(config.consumerEmailDomains.has('gmail.com')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('selects PostgreSQL for a postgres:// URL and trims a trailing slash of PUBLIC_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/gw', PUBLIC_URL: 'https://id.contoso.example/' });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/gw' });
    expect(config.publicUrl).toBe('https://id.contoso.example');
  });

  it('lists every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', INVITATION_TTL_DAYS: '-1', GATEWAY_SECRET: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'DATABASE_URL', 'INVITATION_TTL_DAYS', 'GATEWAY_SECRET']) expect(problems).toContain(name);
    }
  });

  it('requires a GATEWAY_SECRET of its own in production: not missing, not the published development value, not short', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SECRET: required/);
    const devSecret = loadConfig({}).gatewaySecret;
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: devSecret })).toThrow(
      /GATEWAY_SECRET: the published development value/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'k'.repeat(31) })).toThrow(/GATEWAY_SECRET: must be at least 32/);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'x'.repeat(32) }).production).toBe(true);
    // Development keeps working with the development value.
    expect(loadConfig({ GATEWAY_SECRET: devSecret }).production).toBe(false);
  });

  it('takes TRUST_PROXY as a hop count or proxy addresses, and refuses `true`', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7, 172.16.0.0/255.240.0.0' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
      '172.16.0.0/255.240.0.0',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: `true` would trust an X-Forwarded-For the client writes/);
    expect(() => loadConfig({ TRUST_PROXY: 'TRUE' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: .*proxy\.internal/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps audit events forever unless AUDIT_LOG_RETENTION_DAYS names whole days', () => {
    expect(loadConfig({}).auditLogRetentionDays).toBeNull();
    expect(loadConfig({ AUDIT_LOG_RETENTION_DAYS: '' }).auditLogRetentionDays).toBeNull();
    expect(loadConfig({ AUDIT_LOG_RETENTION_DAYS: '90' }).auditLogRetentionDays).toBe(90);
    for (const bad of ['0', '-1', '1.5', 'forever', '36501']) {
      expect(() => loadConfig({ AUDIT_LOG_RETENTION_DAYS: bad }), bad).toThrow(/AUDIT_LOG_RETENTION_DAYS/);
    }
  });

  it('takes DNS_SERVERS as IP addresses with optional ports, and refuses host names and bad ports', () => {
    expect(loadConfig({}).dnsServers).toBeNull();
    expect(loadConfig({ DNS_SERVERS: '127.0.0.1:5353, 9.9.9.9,[::1]:53, 2001:db8::1' }).dnsServers).toEqual([
      '127.0.0.1:5353',
      '9.9.9.9',
      '[::1]:53',
      '2001:db8::1',
    ]);
    expect(() => loadConfig({ DNS_SERVERS: 'dns.example' })).toThrow(/DNS_SERVERS: .*dns\.example/);
    expect(() => loadConfig({ DNS_SERVERS: '127.0.0.1:0' })).toThrow(/DNS_SERVERS/);
    expect(() => loadConfig({ DNS_SERVERS: '127.0.0.1:65536' })).toThrow(/DNS_SERVERS/);
    expect(() => loadConfig({ DNS_SERVERS: '[127.0.0.1]:53' })).toThrow(/DNS_SERVERS/);
    expect(() => loadConfig({ DNS_SERVERS: ' , ' })).toThrow(/DNS_SERVERS/);
  });

  it('lets CONSUMER_EMAIL_DOMAINS replace the built-in list', () => {
    const config = loadConfig({ CONSUMER_EMAIL_DOMAINS: ' Example-Mail.com , other.example ' });
    expect([...config.consumerEmailDomains]).toEqual(['example-mail.com', 'other.example']);
  });

  it('documents every variable in the README configuration table', () => {
    const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ENV_VARS)) expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` \\|`));
  });
});
