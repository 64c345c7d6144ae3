import { print } from 'graphql';
import fs from 'node:fs';
import { UploadInvitationsDocument, type UploadInvitationsMutation } from '../graphql/generated.js';
import type { TestGateway } from './test-gateway.js';

export interface UploadResponse {
  status: number;
  batch?: UploadInvitationsMutation['uploadInvitations'];
  code?: string;
  message?: string;
}

/** Uploads a file the way curl -F does: a GraphQL multipart request (operations, map, file). */
export async function uploadCsv(
  t: TestGateway,
  token: string,
  fileName: string,
  content: string | Buffer,
  options: { dryRun?: boolean; preflight?: boolean } = {},
): Promise<UploadResponse> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({ query: print(UploadInvitationsDocument), variables: { file: null, dryRun: options.dryRun ?? false } }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  // A copy as Uint8Array: samlify's types bring in the DOM lib, whose BlobPart refuses a Buffer over a SharedArrayBuffer.
  form.append('0', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), fileName);
  const response = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(options.preflight === false ? {} : { 'apollo-require-preflight': 'true' }) },
    body: form,
  });
  const text = await response.text();
  let body: { data?: UploadInvitationsMutation; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return { status: response.status, message: text };
  }
  return {
    status: response.status,
    batch: body.data?.uploadInvitations,
    code: body.errors?.[0]?.extensions?.code,
    message: body.errors?.[0]?.message,
  };
}

/** A fixture from test/fixtures with {{NAME}} placeholders filled in. */
export function fixture(name: string, values: Record<string, string> = {}): Buffer {
  const raw = fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
  const text = raw.toString('utf8').replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
  return Buffer.from(text, 'utf8');
}

/** A generated invitation file: `count` valid rows over 50 partner domains. */
export function generatedCsv(count: number, extra: { appId?: string; groupId?: string; prefix?: string } = {}): string {
  const lines = ['Email,DisplayName,InvitedToApplications,InvitedToGroups,Language'];
  for (let i = 0; i < count; i++) {
    lines.push(`${extra.prefix ?? 'user'}${i}@partner${i % 50}.example,Partner User ${i},${extra.appId ?? ''},${extra.groupId ?? ''},en`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `work` while the database refuses to insert an invitation for `email` (a trigger), then lifts
 * the refusal: tests of a failing insert, which no API can cause.
 */
export async function withInvitationInsertFailing<T>(t: TestGateway, email: string, work: () => Promise<T>): Promise<T> {
  const q = (sql: string) => t.gateway.db.dataSource.query(sql);
  if (t.gateway.db.isPostgres) {
    await q(`CREATE FUNCTION fail_for_boom() RETURNS trigger AS $$ BEGIN
      IF NEW.email = '${email}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await q('CREATE TRIGGER boom BEFORE INSERT ON invitation FOR EACH ROW EXECUTE FUNCTION fail_for_boom()');
  } else {
    await q(`CREATE TRIGGER boom BEFORE INSERT ON invitation WHEN NEW.email = '${email}' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
  }
  try {
    return await work();
  } finally {
    if (t.gateway.db.isPostgres) {
      await q('DROP TRIGGER boom ON invitation');
      await q('DROP FUNCTION fail_for_boom()');
    } else {
      await q('DROP TRIGGER boom');
    }
  }
}
