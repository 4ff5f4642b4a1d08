// The limits on console sign-in, all counted in the database (every replica shares them) and all
// keyed by the client address from client-address.ts, never by a header a client wrote:
// - per address: HEARTH_LOGIN_RATE_LIMIT attempts a minute, whatever the accounts;
// - per account and address: HEARTH_LOGIN_MAX_FAILURES attempts in 15 minutes that have not yet
//   succeeded (a success clears them), so one guesser is slowed to a crawl on one account;
// - per account, from addresses that never signed in to it: HEARTH_LOGIN_ACCOUNT_MAX_FAILURES an
//   hour, a ceiling on many addresses guessing together. The owner's own addresses (a successful
//   sign-in in the last 30 days) do not count against it, so a stranger cannot lock them out.
// Attempts are counted before the password is checked, so concurrent guesses cannot slip past.
import { env } from "../../env";
import {
  consumeRateLimit,
  happenedSince,
  rememberKey,
  resetRateLimit,
} from "../rate-limits/consume-rate-limit";

const MINUTE_MS = 60_000;
const PAIR_WINDOW_MS = 15 * MINUTE_MS;
const ACCOUNT_WINDOW_MS = 60 * MINUTE_MS;
const KNOWN_ADDRESS_MS = 30 * 24 * 60 * MINUTE_MS;

const scopes = {
  address: "sign-in:address",
  pair: "sign-in:account-address",
  account: "sign-in:account",
  known: "sign-in:known-address",
} as const;

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const pairKey = (email: string, address: string) => `${normalizeEmail(email)}|${address}`;

/** Counts a sign-in attempt against every limit; throws RATE_LIMITED (Retry-After) when one is passed. */
export async function admitSignInAttempt(email: string, address: string, now = Date.now()): Promise<void> {
  const account = normalizeEmail(email);
  await consumeRateLimit(
    {
      scope: scopes.address,
      key: address,
      limit: env.HEARTH_LOGIN_RATE_LIMIT,
      message: "Too many sign-in attempts from this address; wait a minute",
    },
    now,
  );
  await consumeRateLimit(
    {
      scope: scopes.pair,
      key: pairKey(account, address),
      limit: env.HEARTH_LOGIN_MAX_FAILURES,
      windowMs: PAIR_WINDOW_MS,
      message: "Too many failed sign-ins to this account from this address; try again later",
    },
    now,
  );
  if (await happenedSince(scopes.known, pairKey(account, address), now - KNOWN_ADDRESS_MS)) return;
  await consumeRateLimit(
    {
      scope: scopes.account,
      key: account,
      limit: env.HEARTH_LOGIN_ACCOUNT_MAX_FAILURES,
      windowMs: ACCOUNT_WINDOW_MS,
      message: "Too many failed sign-ins to this account; try again later or from an address you used before",
    },
    now,
  );
}

/** A sign-in succeeded: its address is the owner's, and its failures are forgiven. */
export async function recordSignInSuccess(email: string, address: string, now = Date.now()): Promise<void> {
  const key = pairKey(email, address);
  await resetRateLimit(scopes.pair, key);
  await rememberKey(scopes.known, key, now);
}
