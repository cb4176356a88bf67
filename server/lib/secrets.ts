import { hash, randomBytes } from 'node:crypto';

/** A URL-safe random string carrying `bytes` x 8 bits of randomness. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as lowercase hex: how session ids, API tokens and kiosk codes are stored. */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}
