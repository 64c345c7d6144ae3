import { describe, expect, it } from 'vitest';
import { renderPasswordResetMessage } from '../../src/mail/password-reset-message.js';

describe('the password-reset mail', () => {
  const url = 'https://gateway.example/password/reset?email=ann%40contoso.example';

  it('carries the code and the page to enter it on, never the code in the link', () => {
    const mail = renderPasswordResetMessage('Contoso', '042917', url, 'en');
    expect(mail.subject).toBe('Reset your password');
    expect(mail.subject).not.toContain('042917');
    expect(mail.text).toContain('\n042917\n');
    expect(mail.text).toContain(`Enter it with your new password at ${url}`);
    expect(mail.html).toContain('<strong>042917</strong>');
    expect(mail.html).toContain('href="https://gateway.example/password/reset?email=ann%40contoso.example"');
    expect(mail.text).toContain('Contoso');
  });

  it('escapes the tenant name in HTML, in the reader’s language', () => {
    const mail = renderPasswordResetMessage('<b>Evil</b>', '123456', url, 'de');
    expect(mail.html).not.toContain('<b>Evil</b>');
    expect(mail.html).toContain('Konto bei &lt;b&gt;Evil&lt;/b&gt;');
    expect(mail.subject).toBe('Kennwort zurücksetzen');
  });
});
