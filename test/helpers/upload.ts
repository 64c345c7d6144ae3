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
