// The password rule beyond its length: zxcvbn (the maintained TypeScript port, with its offline
// dictionaries of common and breached passwords, names and words) estimates how many guesses a
// password takes; one an attacker's list would reach early is refused with zxcvbn's own reason.
// The person's name and e-mail count as known words, so "olive@example.com1" is weak for Olive.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { AppError } from "../../errors";

/** zxcvbn's score 3: at least 10^8 guesses, "safely unguessable" against an online attack and a slow hash. */
const MIN_SCORE = 3;

type Zxcvbn = InstanceType<typeof ZxcvbnFactory>;
const shared = globalThis as unknown as { hearthZxcvbn?: Zxcvbn };

function zxcvbn(): Zxcvbn {
  // Built once, on first use: loading the dictionaries takes ~200 ms.
  shared.hearthZxcvbn ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  return shared.hearthZxcvbn;
}

/** Why a password would be refused, or null when it is strong enough. */
export function passwordWeakness(password: string, knownWords: string[] = []): string | null {
  const words = knownWords.flatMap((word) => word.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  const result = zxcvbn().check(password, words);
  if (result.score >= MIN_SCORE) return null;
  const why = result.feedback.warning ?? "It would be guessed quickly.";
  const how = result.feedback.suggestions[0] ?? "Use a longer passphrase of uncommon words.";
  return `This password is too easy to guess. ${why} ${how}`;
}

/** Throws INVALID_INPUT (on the `password` field) for a weak password. */
export function assertStrongPassword(password: string, knownWords: string[] = [], field = "password"): void {
  const weakness = passwordWeakness(password, knownWords);
  if (weakness) {
    throw new AppError("INVALID_INPUT", weakness, { details: [{ path: field, message: weakness }] });
  }
}
