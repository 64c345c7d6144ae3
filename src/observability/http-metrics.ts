import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A low-cardinality route label: ids and interaction handles become placeholders. */
export function routeLabel(path: string): string {
  const normalized = path
    .replace(UUID, ':id')
    .replace(/\/interaction\/[^/]+/, '/interaction/:uid')
    .replace(/\/v2\.0\/(auth|session\/end)\/[^/]+/, '/v2.0/$1/:uid')
    .replace(/\/(token|reg|request)\/[^/]+$/, '/$1/:id')
    .replace(/\/branding\/[^/]+/, '/branding/:file')
    .replace(/\/static\/.+/, '/static/:file');
  return normalized.length > 80 ? 'other' : normalized;
}

/** Counts and times every HTTP request by route and status. */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const labels = {
        method: req.method,
        route: res.statusCode === 404 ? 'unmatched' : routeLabel(req.originalUrl.split('?')[0] ?? '/'),
        status: String(res.statusCode),
      };
      metrics.httpRequests.inc(labels);
      stop(labels);
    });
    next();
  };
}
