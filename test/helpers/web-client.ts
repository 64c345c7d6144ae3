/**
 * A minimal browser for page flows over real HTTP: a cookie jar per host, manual redirects, and
 * form helpers that read the CSRF token from the page like a browser would submit it.
 */
export interface WebResponse {
  status: number;
  url: string;
  location: string | null;
  body: string;
}

export class WebClient {
  private readonly jar = new Map<string, Map<string, string>>();

  /** Rewrites request URLs (e.g. to send each request to another gateway process behind one public URL). */
  constructor(
    private readonly route: (url: string) => string = (u) => u,
    private readonly headers: Record<string, string> = {},
  ) {}

  /** The cookies the browser holds, by name (for tests that look for secrets in logs). */
  cookies(): Record<string, string> {
    return Object.fromEntries([...this.jar.values()].flatMap((jar) => [...jar.entries()]));
  }

  /** Sets a cookie as if a response from `url`'s host had (an attacker planting a session id, say). */
  plant(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    this.jar.set(host, (this.jar.get(host) ?? new Map<string, string>()).set(name, value));
  }

  async get(url: string): Promise<WebResponse> {
    return this.request(url, { method: 'GET' });
  }

  /** A form post (URLSearchParams keep repeated fields, as a browser sends them). */
  async post(url: string, fields: Record<string, string> | URLSearchParams): Promise<WebResponse> {
    return this.request(url, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /** A script's JSON request (`body` as is when a string, so a test can send malformed JSON). */
  async postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<WebResponse> {
    return this.request(url, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...headers },
    });
  }

  /** Submits the form whose action is `action` on `page`, with its hidden fields plus `fields`. */
  async submit(page: WebResponse, action: string, fields: Record<string, string> = {}): Promise<WebResponse> {
    const form = new RegExp(`<form[^>]*action="${escapeRegExp(action)}"[^>]*>([\\s\\S]*?)</form>`).exec(page.body);
    if (!form) throw new Error(`No form posting to ${action} on ${page.url}:\n${page.body.slice(0, 2000)}`);
    const hidden = Object.fromEntries(
      [...form[1]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, decodeEntities(m[2]!)]),
    );
    return this.post(new URL(decodeEntities(action), page.url).href, { ...hidden, ...fields });
  }

  /** Follows redirects until a non-redirect, or until a URL that `stopAt` accepts (the RP's callback). */
  async follow(start: WebResponse, stopAt: (url: string) => boolean = () => false): Promise<WebResponse> {
    let current = start;
    for (let i = 0; i < 20 && current.location; i++) {
      const next = new URL(current.location, current.url).href;
      if (stopAt(next)) return { status: 0, url: next, location: null, body: '' };
      current = await this.get(next);
    }
    return current;
  }

  private async request(url: string, init: RequestInit): Promise<WebResponse> {
    // Cookies belong to the public host the browser sees, wherever the request is routed.
    const host = new URL(url).host;
    const target = new URL(this.route(url));
    const cookies = [...(this.jar.get(host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...this.headers, ...(init.headers as Record<string, string>), ...(cookies ? { cookie: cookies } : {}) },
    });
    for (const header of response.headers.getSetCookie()) this.store(host, header);
    return { status: response.status, url, location: response.headers.get('location'), body: await response.text() };
  }

  private store(host: string, header: string): void {
    const [pair, ...attributes] = header.split(';');
    const [name, ...rest] = pair!.split('=');
    const jar = this.jar.get(host) ?? new Map<string, string>();
    const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a));
    if (expired) jar.delete(name!.trim());
    else jar.set(name!.trim(), rest.join('='));
    this.jar.set(host, jar);
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

/** The page's readable text, for assertions. */
export function text(page: WebResponse): string {
  return decodeEntities(page.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
}
