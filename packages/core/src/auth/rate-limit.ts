// Rate limits for what an anonymous client can do: requests without credentials, credentials that
// are refused, and sign-in guesses. Counters live in this process, or in the shared Redis when one
// is configured, so that several API processes count together (rate-limiter-flexible does both).
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { GeaError } from '../errors.ts';
import type { Redis } from '../shared-store/redis.ts';

/** At most `points` within `seconds`. */
export interface Budget {
  points: number;
  seconds: number;
}

export interface RateLimitSettings {
  /** GraphQL (and plugin route) requests without an Authorization header, per client address. */
  anonymous: Budget;
  /** Refused credentials (unknown, revoked, expired tokens) per client address; beyond it, refused ones get 429. */
  refusedCredentials: Budget;
  /** Failed sign-ins per client address, whatever the account. */
  signInPerAddress: Budget;
  /**
   * Failed sign-ins of one account from every address. Beyond it the account is under a spread-out
   * attack: it can then be signed in to only from addresses it signed in from before.
   */
  signInPerAccount: Budget;
  /** Failures of one account from one address allowed without delay; each further one doubles the wait (1, 2, 4... s). */
  signInFreeFailures: number;
  /** Longest wait between guesses of one account from one address. */
  signInMaxDelaySeconds: number;
  /** How long an address an account signed in from stays known to it (at most 24 days without Redis). */
  knownAddressDays: number;
}

export const defaultRateLimitSettings: RateLimitSettings = {
  anonymous: { points: 300, seconds: 60 },
  refusedCredentials: { points: 30, seconds: 600 },
  signInPerAddress: { points: 50, seconds: 900 },
  signInPerAccount: { points: 100, seconds: 3600 },
  signInFreeFailures: 5,
  signInMaxDelaySeconds: 900,
  knownAddressDays: 60,
};

/** 429 with Retry-After: too many requests from this address, or too many guesses at one account. */
export class RateLimitedError extends GeaError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = 'Too many requests: wait and try again') {
    const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
    super('RATE_LIMITED', `${message} (in ${seconds} s)`, {
      retryAfterSeconds: seconds,
      http: { status: 429, headers: { 'retry-after': String(seconds) } },
    });
    this.retryAfterSeconds = seconds;
  }
}

export interface RateLimits {
  /** A request without credentials; null when allowed, else the seconds to wait. */
  anonymousRequest(address: string): Promise<number | null>;
  /** Counts a refused credential; null while under the limit, else the seconds to wait. */
  credentialRefused(address: string): Promise<number | null>;
  /** Counts a sign-in attempt; throws RateLimitedError when this account may not be tried from this address now. */
  signInAttempt(account: string, address: string): Promise<void>;
  signInFailed(account: string): Promise<void>;
  signInSucceeded(account: string, address: string): Promise<void>;
  /**
   * Spends one point of a budget of the caller's own (a plugin's public form: `name` unique across
   * plugins, `<plugin>:<what>`), in the same store as the limits above: null while under the budget,
   * else the seconds to wait.
   */
  spend(name: string, key: string, budget: Budget): Promise<number | null>;
}

export interface RateLimitStore {
  /** The shared Redis; none: counters in this process. */
  redis?: Redis | null;
  /** Prefix of every key (tests use their own). */
  keyPrefix?: string;
}

const MAX_MEMORY_SECONDS = 24 * 24 * 3600;

// Accounts are e-mail addresses: the counters' keys carry a digest, never the address itself.
const accountKey = (account: string) => createHash('sha256').update(account.trim().toLowerCase()).digest('base64url').slice(0, 22);

export function createRateLimits(settings: RateLimitSettings = defaultRateLimitSettings, store: RateLimitStore = {}): RateLimits {
  const prefix = store.keyPrefix ?? 'gea:rl:';
  const limiter = (name: string, points: number, seconds: number): RateLimiterAbstract => {
    // In memory a key lives on a timer, and Node's timers stop at 24.8 days.
    const memory = new RateLimiterMemory({ keyPrefix: `${prefix}${name}`, points, duration: Math.min(seconds, MAX_MEMORY_SECONDS) });
    if (!store.redis) return memory;
    // When Redis does not answer, this process goes on counting alone rather than failing requests.
    return new RateLimiterRedis({ storeClient: store.redis, keyPrefix: `${prefix}${name}`, points, duration: seconds, insuranceLimiter: memory });
  };
  const anonymous = limiter('anonymous', settings.anonymous.points, settings.anonymous.seconds);
  const refused = limiter('refused', settings.refusedCredentials.points, settings.refusedCredentials.seconds);
  const perAddress = limiter('signin-address', settings.signInPerAddress.points, settings.signInPerAddress.seconds);
  const perAccount = limiter('signin-account', settings.signInPerAccount.points, settings.signInPerAccount.seconds);
  // Failures of one account from one address, forgotten a day after the last one or at sign-in.
  const perPair = limiter('signin-pair', 1_000_000, 24 * 3600);
  // The wait before the next guess of one account from one address (a block of the pair's key).
  const delay = limiter('signin-delay', 1, 1);
  const known = limiter('signin-known', 1, settings.knownAddressDays * 24 * 3600);

  /** Seconds to wait when `key` has used up `points` of `limiter`; null otherwise. */
  const waitIfSpent = async (of: RateLimiterAbstract, key: string, points: number) => {
    const state = await of.get(key);
    return state && state.consumedPoints >= points ? Math.ceil(state.msBeforeNext / 1000) || 1 : null;
  };
  const spend = async (of: RateLimiterAbstract, key: string, points: number) => {
    const state = await of.penalty(key, 1);
    return state.consumedPoints > points ? Math.ceil(state.msBeforeNext / 1000) || 1 : null;
  };

  // Budgets of the callers' own, one limiter per name and budget (a handful per installation).
  const custom = new Map<string, RateLimiterAbstract>();
  const customLimiter = (name: string, budget: Budget) => {
    const id = `${name}|${budget.points}|${budget.seconds}`;
    let found = custom.get(id);
    if (!found) custom.set(id, (found = limiter(`x:${name}:${budget.points}:${budget.seconds}`, budget.points, budget.seconds)));
    return found;
  };

  return {
    anonymousRequest: (address) => spend(anonymous, address, settings.anonymous.points),
    spend: (name, key, budget) => spend(customLimiter(name, budget), key, budget.points),
    credentialRefused: (address) => spend(refused, address, settings.refusedCredentials.points),

    // Counted before the password is checked, so parallel guesses cannot all slip under a limit.
    async signInAttempt(account, address) {
      const pair = `${accountKey(account)}|${address}`;
      const fromAddress = await spend(perAddress, address, settings.signInPerAddress.points);
      if (fromAddress) throw new RateLimitedError(fromAddress, 'Too many failed sign-ins from this address');
      const underAttack = await waitIfSpent(perAccount, accountKey(account), settings.signInPerAccount.points);
      if (underAttack && !(await known.get(pair))) {
        throw new RateLimitedError(underAttack, 'Too many failed sign-ins for this account: sign in from an address you used before, or wait');
      }
      // Beyond the free failures, one attempt at a time: it must find no wait running, and it sets
      // the next one, twice as long as the last (every attempt counts, refused ones too).
      const attempts = (await perPair.penalty(pair, 1)).consumedPoints;
      const beyond = attempts - settings.signInFreeFailures;
      if (beyond <= 0) return;
      try {
        await delay.consume(pair, 1);
      } catch (refused) {
        const wait = (refused as { msBeforeNext?: number }).msBeforeNext;
        if (wait === undefined) throw refused;
        throw new RateLimitedError(wait / 1000, 'Too many failed sign-ins for this account from this address');
      }
      await delay.block(pair, Math.min(2 ** (beyond - 1), settings.signInMaxDelaySeconds));
    },

    async signInFailed(account) {
      await perAccount.penalty(accountKey(account), 1);
    },

    async signInSucceeded(account, address) {
      const pair = `${accountKey(account)}|${address}`;
      await Promise.all([perAddress.reward(address, 1), perPair.delete(pair), delay.delete(pair)]);
      const knownFor = settings.knownAddressDays * 24 * 3600;
      await known.set(pair, 1, store.redis ? knownFor : Math.min(knownFor, MAX_MEMORY_SECONDS));
    },
  };
}
