// A development build's service worker (trunk copies this file; `cargo xtask dist` replaces it
// with the generated one, js/sw-template.js). A development page never registers a worker (its
// index.html has no <meta name="ampk-sw">), but a browser that once ran a release build on the
// same address still checks this file for updates: this version then clears the kit's caches,
// unregisters itself and reloads the open pages, so no stale worker serves old code.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('ampk-')) await caches.delete(key);
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: 'window' })) client.navigate(client.url);
  })());
});
