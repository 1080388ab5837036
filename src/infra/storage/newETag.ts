import { randomBytes } from 'node:crypto';

/** Random per process, so eTags of different processes (instances, restarts) never collide. */
const processPrefix = randomBytes(9).toString('base64url');
let counter = 0;

/**
 * A fresh eTag, never handed out before by any process (so an item deleted and created again never gets
 * an eTag a stale reader holds): this process's random prefix and a counter, without a call into the
 * random generator on every write.
 */
export function newETag(): string {
  counter += 1;
  return `${processPrefix}.${counter.toString(36)}`;
}
