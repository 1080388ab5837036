/**
 * Limits on the console's sign-in that stop guessing without locking out the clinic: staff behind one
 * address (a clinic's shared connection) are kept apart by the name they sign in with. Only failed
 * sign-ins count, in a sliding minute, per name and address together (`failuresPerName`) and per address
 * over all names (`failuresPerAddress`, higher: someone trying many names is still stopped). While either
 * is used up, attempts are refused before the token is looked at — also a right one, or guessing would go
 * on at full speed — and a success clears the failures of that name and address. Kept in memory, for the
 * least recently seen keys up to `maxKeys`.
 */

/** Options of {@link LoginThrottle}. */
export interface LoginThrottleOptions {
  /** Failed sign-ins a minute for one name from one address, ≥ 1. Default 5. */
  failuresPerName: number;
  /** Failed sign-ins a minute from one address over all names, ≥ `failuresPerName`. Default 20. */
  failuresPerAddress: number;
  /** Most keys (names and addresses) tracked; the least recently seen is dropped beyond this. Default 10000. */
  maxKeys: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now: () => number;
}

/** Defaults of {@link LoginThrottleOptions}. */
export const defaultLoginThrottleOptions: LoginThrottleOptions = { failuresPerName: 5, failuresPerAddress: 20, maxKeys: 10_000, now: Date.now };

/** Whether an attempt may be checked now. */
export type LoginDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const windowMs = 60_000;

/** Names compared as staff type them: case, width and spacing folded ("Alex", " alex", "ＡＬＥＸ"). */
function foldName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Sign-in attempts of the console, per name and address. */
export class LoginThrottle {
  private readonly options: LoginThrottleOptions;
  /** Key → times of failures within the window, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { ...defaultLoginThrottleOptions, ...options };
    if (!(this.options.failuresPerName >= 1) || !(this.options.failuresPerAddress >= this.options.failuresPerName)) {
      throw new Error('loginThrottle: failuresPerName must be ≥ 1 and failuresPerAddress ≥ failuresPerName');
    }
  }

  /** Whether an attempt by `name` from `address` may be checked now. */
  check(address: string, name: string): LoginDecision {
    const waits = [
      this.waitFor(this.nameKey(address, name), this.options.failuresPerName),
      this.waitFor(this.addressKey(address), this.options.failuresPerAddress),
    ];
    const wait = Math.max(...waits);
    return wait > 0 ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) } : { allowed: true };
  }

  /** Records a failed attempt. */
  failed(address: string, name: string): void {
    const time = this.options.now();
    for (const key of [this.nameKey(address, name), this.addressKey(address)]) {
      const recent = this.recent(key);
      this.failures.delete(key);
      this.failures.set(key, [...recent, time]);
    }
    while (this.failures.size > this.options.maxKeys) {
      const oldest = this.failures.keys().next();
      if (oldest.done) break;
      this.failures.delete(oldest.value);
    }
  }

  /** A successful sign-in: that name's failures from that address are forgiven. */
  succeeded(address: string, name: string): void {
    this.failures.delete(this.nameKey(address, name));
  }

  private nameKey(address: string, name: string): string {
    return `name\n${address}\n${foldName(name)}`;
  }

  private addressKey(address: string): string {
    return `address\n${address}`;
  }

  /** Failures of `key` within the window. */
  private recent(key: string): number[] {
    const since = this.options.now() - windowMs;
    return (this.failures.get(key) ?? []).filter((time) => time > since);
  }

  /** Ms until `key` has fewer than `limit` failures in the window (0: now). */
  private waitFor(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    const freeing = recent[recent.length - limit] ?? this.options.now();
    return freeing + windowMs - this.options.now();
  }
}
