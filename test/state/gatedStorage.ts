/**
 * A real state storage with a gate in front of `write`, so a test can stop one instance's state save at
 * the exact moment another instance saves the same conversation — the race of two instances, made
 * deterministic without timing. Everything else goes straight to the real store.
 */
import type { StateStorage } from '../../src/infra/storage/stateStorage';

/** A held write: `reached` resolves when the write arrived at the gate; `release` lets it through. */
export interface HeldWrite {
  reached: Promise<void>;
  release(): void;
}

/** The storage plus a way to hold its next write. */
export interface GatedStorage extends StateStorage {
  /** Holds the next `write` (only that one) until `release()`. */
  holdNextWrite(): HeldWrite;
}

/** Wraps `inner`. */
export function gateWrites(inner: StateStorage): GatedStorage {
  let pending: { arrived: () => void; released: Promise<void> } | undefined;
  return {
    kind: inner.kind,
    read: (keys) => inner.read(keys),
    delete: (keys) => inner.delete(keys),
    addIfAbsent: (key, ttlMs) => inner.addIfAbsent(key, ttlMs),
    ping: () => inner.ping(),
    close: () => inner.close(),
    async write(changes) {
      const gate = pending;
      pending = undefined;
      if (gate) {
        gate.arrived();
        await gate.released;
      }
      await inner.write(changes);
    },
    holdNextWrite() {
      let arrived = (): void => undefined;
      let release = (): void => undefined;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      pending = { arrived, released };
      return { reached, release };
    },
  };
}
