import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * The admin console (src/console): built to dist/console, served by the gateway under /admin with
 * hashed asset names. `npm run dev:console` serves it with hot reload and proxies everything else to
 * a running gateway (GATEWAY_URL, default http://localhost:4000; start that gateway with
 * PUBLIC_URL=http://localhost:5173 so the provider sends the browser back through this server).
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';
const toGateway = { target: gateway, changeOrigin: false };

/** Vite warns that it cannot bundle a classic script: theme-boot.js is meant to stay one. */
const classicThemeScript: Plugin = {
  name: 'console:classic-theme-script',
  configResolved({ logger }) {
    const warn = logger.warn.bind(logger);
    logger.warn = (message, options) => {
      if (!message.includes('theme-boot.js')) warn(message, options);
    };
  },
};

/**
 * Writes `<file>.br` and `<file>.gz` beside each script and stylesheet, at the strongest settings, once
 * per build: the gateway sends them as they are to browsers that accept them (src/pages/console-assets.ts),
 * so no request pays for compression and a deployment without a compressing proxy still sends a
 * third of the bytes.
 */
const precompressAssets: Plugin = {
  name: 'console:precompress-assets',
  apply: 'build',
  writeBundle({ dir }, bundle) {
    for (const name of Object.keys(bundle)) {
      if (!/\.(js|css)$/.test(name)) continue;
      const file = path.join(dir!, name);
      const bytes = fs.readFileSync(file);
      const brotli = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
      fs.writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: brotli }));
      fs.writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
    }
  },
};

export default defineConfig({
  plugins: [classicThemeScript, precompressAssets],
  root: 'src/console',
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  // theme-boot.js stays a classic script in <head> (it must run before the first paint): copied as a
  // hashed file, never inlined (the CSP allows scripts from 'self' only).
  html: { additionalAssetSources: { script: { srcAttributes: ['src'], filter: ({ attributes }) => attributes.type !== 'module' } } },
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Read by scripts/console-size.ts (never served: only assets/ and index.html are).
    manifest: true,
    assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
  },
  server: {
    port: 5173,
    proxy: {
      '^/admin/callback': toGateway,
      '^/admin/[^/]+/(signin|signout|graphql)': toGateway,
      '^/(?!admin/|@|src/|node_modules/)': toGateway,
    },
  },
});
