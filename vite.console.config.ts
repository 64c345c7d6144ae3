import { defineConfig } from 'vite';

/**
 * The admin console (src/console): built to dist/console, served by the gateway under /admin with
 * hashed asset names. `npm run dev:console` serves it with hot reload and proxies everything else to
 * a running gateway (GATEWAY_URL, default http://localhost:4000; start that gateway with
 * PUBLIC_URL=http://localhost:5173 so the provider sends the browser back through this server).
 */
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';
const toGateway = { target: gateway, changeOrigin: false };

export default defineConfig({
  root: 'src/console',
  base: '/admin/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: '../../dist/console', emptyOutDir: true, assetsDir: 'assets', sourcemap: false, manifest: true },
  server: {
    port: 5173,
    proxy: {
      '^/admin/callback': toGateway,
      '^/admin/[^/]+/(signin|signout|graphql)': toGateway,
      '^/(?!admin/|@|src/|node_modules/)': toGateway,
    },
  },
});
