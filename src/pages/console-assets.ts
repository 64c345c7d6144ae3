import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** The content types of the files the build precompresses (vite.console.config.ts). */
const PRECOMPRESSED: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** In the order the gateway prefers them: brotli is the smaller. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** How often, at most, a name not seen before makes the directory be read again (a new build). */
const RELIST_MS = 5000;

/**
 * The console's hashed assets (`dist/console/assets`), cached for a year. A script or stylesheet is
 * sent as the `.br` or `.gz` file the build wrote beside it when the browser accepts that encoding,
 * otherwise as it is: nothing is compressed per request, and a deployment without a compressing
 * proxy still sends about a third of the bytes (issue 16: the console's first load).
 */
export function consoleAssets(dir: string): RequestHandler {
  const options = { immutable: true, maxAge: '1y', index: false } as const;
  const files = express.static(dir, options);
  const listing = new DirectoryListing(dir);
  return (req: Request, res: Response, next: NextFunction) => {
    const name = req.path.slice(1);
    const type = PRECOMPRESSED[path.extname(name)];
    // A bare file name only (no directories, no dot-files): anything else is served, or refused, as is.
    if (!type || !/^[\w-][\w.-]*$/.test(name) || (req.method !== 'GET' && req.method !== 'HEAD')) return files(req, res, next);
    res.vary('Accept-Encoding');
    // The first the browser accepts at all (browsers weigh them equally and list gzip first).
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && listing.has(name + e.suffix));
    if (!encoding) return files(req, res, next);
    res.setHeader('Content-Encoding', encoding.name);
    res.setHeader('Content-Type', type);
    req.url = `/${name}${encoding.suffix}`;
    files(req, res, (error?: unknown) => {
      // The file went between the listing and the read: whatever answers next is not encoded.
      res.removeHeader('Content-Encoding');
      res.removeHeader('Content-Type');
      next(error);
    });
  };
}

/** The names in a directory, read again when a name is missing (at most every RELIST_MS). */
class DirectoryListing {
  private names = new Set<string>();
  private readAt = -Infinity;

  constructor(private readonly dir: string) {}

  has(name: string): boolean {
    if (!this.names.has(name) && Date.now() - this.readAt > RELIST_MS) this.read();
    return this.names.has(name);
  }

  private read(): void {
    this.readAt = Date.now();
    try {
      this.names = new Set(fs.readdirSync(this.dir));
    } catch {
      this.names = new Set(); // not built yet
    }
  }
}
