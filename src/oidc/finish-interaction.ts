import type { ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

export type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * `provider.interactionFinished` for an interaction this request has just loaded with
 * `interactionDetails` (which checked its cookie, expiry and session): the provider's own method loads
 * the interaction and its session again, two more reads that could only find what this request found.
 * Stores the result and sends the browser back to the provider as the provider does (303).
 */
export async function finishInteraction(
  details: InteractionDetails,
  res: ServerResponse,
  result: InteractionResults,
  { mergeWithLastSubmission }: { mergeWithLastSubmission: boolean },
): Promise<void> {
  details.result = mergeWithLastSubmission && !('error' in result) ? { ...details.lastSubmission, ...result } : result;
  await details.save(details.exp - Math.floor(Date.now() / 1000));
  res.statusCode = 303;
  res.setHeader('Location', details.returnTo);
  res.setHeader('Content-Length', '0');
  res.end();
}
