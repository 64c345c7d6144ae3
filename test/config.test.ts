import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_VARS, loadConfig } from '../src/config/config.js';

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

  it('requires GATEWAY_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', GATEWAY_SECRET: 'x'.repeat(32) }).production).toBe(true);
  });

  it('lets CONSUMER_EMAIL_DOMAINS replace the built-in list', () => {
    const config = loadConfig({ CONSUMER_EMAIL_DOMAINS: ' Example-Mail.com , other.example ' });
    expect([...config.consumerEmailDomains]).toEqual(['example-mail.com', 'other.example']);
  });

  it('documents every variable in the README configuration table', () => {
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(ENV_VARS)) expect(readme, name).toMatch(new RegExp(`\\| \`${name}\` \\|`));
  });
});
