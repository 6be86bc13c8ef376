/**
 * What the cluster primary (server.mjs, lib/http/worker-proxy.mjs) answers by itself, when no
 * server process can. Part of the dictionary (lib/i18n/id.ts `t.serverFront`), in a plain
 * JavaScript module of its own: the primary runs without a TypeScript loader and never loads the
 * rest of the dictionary.
 */
export const serverFront = Object.freeze({
  restarting: 'Server sedang memulai ulang. Coba lagi sebentar lagi.',
  busy: 'Server sedang sangat sibuk. Coba lagi sebentar lagi.',
})
