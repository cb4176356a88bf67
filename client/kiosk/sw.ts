/// <reference lib="webworker" />
// The kiosk's service worker (built to /kiosk-sw.js, scope /kiosk/): the kiosk starts and works
// with no network. It is self-contained on purpose: a classic worker cannot import chunks.
//
// - The kiosk's files (from /kiosk-assets.json, plus /kiosk.html) are kept together in one
//   cache named after the list's hash; a new build's files are cached whole before the old set
//   is dropped, so the page and its chunks always match.
// - Navigations under /kiosk/ get the cached /kiosk.html; the set is refreshed behind it.
// - /assets/* (hashed, immutable) are cache-first; fonts are cached as the browser asks for them.
// - GET /api/v1/kiosk/{code} is network-first; the cached copy is marked so the page knows its
//   serverTime is old. Responses (POST) and every other API call are never cached.
export {};
declare const self: ServiceWorkerGlobalScope;

const PRECACHE_PREFIX = 'kiosk-precache-';
const RUNTIME = 'kiosk-runtime-v1';
const DATA = 'kiosk-data-v1';
const CURRENT = 'kiosk-current-v1'; // remembers which precache is complete
const CURRENT_KEY = '/__kiosk-current';
const FROM_CACHE_HEADER = 'x-kiosk-from-cache';
const KIOSK_API = /^\/api\/v1\/kiosk\/[^/]+$/;

async function hashOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest).slice(0, 8)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
}

async function currentPrecache(): Promise<Cache | undefined> {
  const marker = await (await caches.open(CURRENT)).match(CURRENT_KEY);
  const name = marker ? await marker.text() : undefined;
  return name && (await caches.has(name)) ? caches.open(name) : undefined;
}

let refreshing: Promise<void> | undefined;

/** Caches the current build's kiosk files whole, then forgets older builds. */
function refreshPrecache(): Promise<void> {
  refreshing ??= (async () => {
    const listing = await fetch('/kiosk-assets.json', { cache: 'no-store' });
    if (!listing.ok) throw new Error(`kiosk-assets.json: ${listing.status}`);
    const text = await listing.text();
    const files = (JSON.parse(text) as { files: string[] }).files;
    const name = PRECACHE_PREFIX + (await hashOf(text));
    const marker = await caches.open(CURRENT);
    const current = await marker.match(CURRENT_KEY);
    if (current && (await current.text()) === name && (await caches.has(name))) return;
    const cache = await caches.open(name);
    const previous = await currentPrecache();
    for (const file of new Set(['/kiosk.html', ...files])) {
      // Hashed files unchanged since the last build are copied rather than fetched again.
      const kept = file.startsWith('/assets/') ? await previous?.match(file) : undefined;
      if (kept) await cache.put(file, kept);
      else {
        // Hashed files the page has just fetched (the form, while the chooser was up) come
        // from the HTTP cache; the page itself is checked with the server.
        const fresh = file.startsWith('/assets/') ? 'default' : 'no-cache';
        const response = await fetch(file, { cache: fresh });
        if (!response.ok) throw new Error(`${file}: ${response.status}`);
        await cache.put(file, response);
      }
    }
    await marker.put(CURRENT_KEY, new Response(name));
    for (const key of await caches.keys())
      if (key.startsWith(PRECACHE_PREFIX) && key !== name) await caches.delete(key);
  })().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshPrecache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([RUNTIME, DATA, CURRENT]);
      const marker = await (await caches.open(CURRENT)).match(CURRENT_KEY);
      if (marker) keep.add(await marker.text());
      for (const key of await caches.keys())
        if (key.startsWith('kiosk-') && !keep.has(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

/** The cached kiosk page (refreshing the whole set behind it), or the network's. */
async function kioskPage(event: FetchEvent): Promise<Response> {
  const precache = await currentPrecache();
  const cached = await precache?.match('/kiosk.html');
  if (cached) {
    event.waitUntil(refreshPrecache().catch(() => undefined));
    return cached;
  }
  try {
    return await fetch(event.request);
  } catch {
    return Response.error();
  }
}

async function asset(request: Request): Promise<Response> {
  const precache = await currentPrecache();
  const cached = (await precache?.match(request)) ?? (await caches.match(request));
  if (cached) return cached;
  const response = await fetch(request);
  // Hashed names never change content, so whatever arrives once is good for ever.
  if (response.ok) await (await caches.open(RUNTIME)).put(request, response.clone());
  return response;
}

async function kioskData(request: Request): Promise<Response> {
  const cache = await caches.open(DATA);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 404 || response.status === 410) await cache.delete(request);
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set(FROM_CACHE_HEADER, '1');
    return new Response(cached.body, { status: cached.status, headers });
  }
}

/** Caches files the page fetched before this worker controlled it (its first visit's fonts). */
async function adopt(urls: string[]): Promise<void> {
  const runtime = await caches.open(RUNTIME);
  for (const url of urls) {
    if (await caches.match(url)) continue;
    try {
      const response = await fetch(url); // from the HTTP cache: these are immutable
      if (response.ok) await runtime.put(url, response);
    } catch {
      // Offline already: it will be cached the next time it is fetched.
    }
  }
}

self.addEventListener('message', (event) => {
  const message = event.data as { type?: unknown; urls?: unknown } | null;
  if (message?.type !== 'cache-assets' || !Array.isArray(message.urls)) return;
  const urls = message.urls.filter(
    (url): url is string => typeof url === 'string' && url.startsWith('/assets/'),
  );
  event.waitUntil(adopt(urls));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return; // responses are never cached: the page's outbox owns them
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && url.pathname.startsWith('/kiosk/'))
    event.respondWith(kioskPage(event));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
  else if (KIOSK_API.test(url.pathname)) event.respondWith(kioskData(request));
});
