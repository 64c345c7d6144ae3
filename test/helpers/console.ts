import type { TestGateway } from './test-gateway.js';
import { WebClient, type WebResponse } from './web-client.js';

export const CONSOLE_HEADERS = { 'content-type': 'application/json', 'x-console-csrf': '1' };

/**
 * A browser at the admin console's backend: signs in through the tenant's real provider (the login
 * form), then calls the console's GraphQL endpoint with its cookie, as the console's script does.
 */
export class ConsoleBrowser {
  readonly web = new WebClient();

  constructor(private readonly t: TestGateway) {}

  /** Opens `path` (a console page), signs in on the provider's form, returns the last response. */
  async signIn(path: string, email: string, password: string): Promise<WebResponse> {
    let page = await this.web.follow(await this.web.get(`${this.t.baseUrl}${path}`));
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)?.[1];
    if (!action) return page;
    page = await this.web.follow(await this.web.submit(page, action, { email, password }));
    return page;
  }

  get cookie(): string {
    return Object.entries(this.web.cookies())
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }

  /** POSTs a GraphQL request to `/admin/<tenant>/graphql` with this browser's cookies. */
  graphql(tenantId: string, query: string, headers: Record<string, string> = CONSOLE_HEADERS): Promise<Response> {
    return fetch(`${this.t.baseUrl}/admin/${tenantId}/graphql`, {
      method: 'POST',
      headers: { ...headers, cookie: this.cookie },
      body: JSON.stringify({ query }),
    });
  }
}
