import type { Config } from '../config/config.js';
import { issuerFor } from '../oidc/issuer.js';
import { sampleAppHomepage } from './sample-app.js';
import type { DemoTenant } from './seed-demo.js';

/** Prints the URLs to open and a ready-to-paste curl for the demo tenant. */
export function printWelcome(config: Config, demo: DemoTenant): void {
  const issuer = issuerFor(config.publicUrl, demo.tenant.id);
  const graphql = `${config.publicUrl}/graphql`;
  const query = JSON.stringify({
    query: '{ viewer { displayName roles tenant { name domains } } applications { nodes { displayName appId replyUrls } } }',
  });
  const lines = [
    '',
    '  b2b-gateway is running with the demo tenant "' + demo.tenant.name + '"',
    '',
    `  GraphQL API        ${graphql}`,
    `  Apollo Sandbox     ${graphql}   (open in a browser; add the header Authorization: Bearer <token>)`,
    `  OIDC discovery     ${issuer}/.well-known/openid-configuration`,
    `  Tenant id          ${demo.tenant.id}`,
    `  Admin client id    ${demo.adminApp.appId}`,
    `  Admin secret       ${demo.adminClientSecret}`,
    `  Sample app         ${demo.sampleApp.displayName} (client id ${demo.sampleApp.appId})`,
    `                     ${sampleAppHomepage(config.publicUrl)}   (a tiny relying party: sign in as a user assigned to it)`,
    '',
    `  Human admin        ${demo.humanAdmin.email} (GlobalAdministrator)`,
    ...(demo.humanAdmin.activationUrl
      ? [
          `  Activate it        ${demo.humanAdmin.activationUrl}`,
          '                     (open it, choose a password; the link works once, a restart prints a new one)',
        ]
      : []),
    `  Sign in as it      ${config.publicUrl}/${demo.tenant.id}/myapps`,
    `  Admin console      ${config.publicUrl}/admin/${demo.tenant.id}/   (sign in as ${demo.humanAdmin.email})`,
    '                     (administrators add a second factor at first sign-in: an authenticator app or a passkey)',
    ...mailLines(config),
    '',
    '  As the admin automation app (client credentials), get a token and run a query:',
    '',
    `  TOKEN=$(curl -s -u '${demo.adminApp.appId}:${demo.adminClientSecret}' -d grant_type=client_credentials \\`,
    `    ${issuer}/token | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `  curl -s ${graphql} -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '${query}'`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Where the demo's mail goes: without SMTP, invitations and sign-up codes are files to open. */
function mailLines(config: Config): string[] {
  const { transport } = config.mail;
  if (transport.kind === 'smtp') return [`  Mail               sent through SMTP_URL`];
  return [
    `  Mail               ${transport.dir}/<message id>.eml   (no SMTP_URL: invitations, sign-up codes,`,
    '                     activation links; each invitation link is also in the log as "redeemUrl")',
  ];
}
