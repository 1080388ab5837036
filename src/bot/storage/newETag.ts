import { randomBytes } from 'node:crypto';

/** A fresh random eTag (so an item deleted and created again never gets an eTag a stale reader holds). */
export function newETag(): string {
  return randomBytes(9).toString('base64url');
}
