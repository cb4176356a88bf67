/// <reference lib="webworker" />
// The kiosk's service worker (built to /kiosk-sw.js).
export {};
