import { createRequire } from 'node:module';
import path from 'node:path';
import { Router } from 'express';

/** Where pages load @simplewebauthn/browser from: the gateway itself, so `script-src 'self'` holds. */
export const WEBAUTHN_SCRIPT_PATH = '/static/vendor/simplewebauthn-browser.umd.min.js';

/** The package's UMD bundle (it defines `SimpleWebAuthnBrowser`), found from its CommonJS entry point. */
const webauthnBundle = path.resolve(
  path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
  '../dist/bundle/index.umd.min.js',
);

/** Scripts the gateway serves from node_modules under /static/vendor (the version is in package-lock.json). */
export function vendorScripts(): Router {
  const router = Router();
  router.get(WEBAUTHN_SCRIPT_PATH, (_req, res, next) => {
    res.sendFile(webauthnBundle, { maxAge: '1h' }, (error) => error && next(error));
  });
  return router;
}
