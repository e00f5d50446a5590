import { DomainError } from '@loyalty/kernel';

/** Digits of generated codes: no 0 and 1, which read like O, I and L. */
export const CODE_DIGITS = '23456789';
/** Letters of generated codes: A–Z without I, L and O. */
export const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';

/** A random integer in [0, max): `node:crypto`'s `randomInt` in production, a seeded one in tests. */
export type RandomInt = (max: number) => number;

type Slot = { alphabet: string } | { literal: string };

/** A parsed `promocodes/generate` pattern: `#` is a digit, `X` a letter, anything else itself. */
export interface CodePattern {
  text: string;
  slots: readonly Slot[];
  /** How many different codes the pattern can make. */
  space: bigint;
}

/** Codes are 1–255 printable ASCII characters without spaces (spec api.md §1 "Limits"). */
const PATTERN_TEXT = /^[\x21-\x7E]{1,255}$/;

export function parseCodePattern(text: string, path = 'pattern'): CodePattern {
  if (!PATTERN_TEXT.test(text)) {
    throw DomainError.invalid(path, 'must be 1-255 printable ASCII characters without spaces');
  }
  const slots: Slot[] = [...text].map((char) =>
    char === '#' ? { alphabet: CODE_DIGITS } : char === 'X' ? { alphabet: CODE_LETTERS } : { literal: char },
  );
  const alphabets = slots.flatMap((slot) => ('alphabet' in slot ? [slot.alphabet] : []));
  if (alphabets.length === 0) throw DomainError.invalid(path, 'must contain at least one # (digit) or X (letter)');
  const space = alphabets.reduce((product, alphabet) => product * BigInt(alphabet.length), 1n);
  return { text, slots, space };
}

/** One code drawn uniformly from the pattern's space. */
export function randomCode(pattern: CodePattern, random: RandomInt): string {
  return pattern.slots
    .map((slot) => ('literal' in slot ? slot.literal : slot.alphabet[random(slot.alphabet.length)]))
    .join('');
}

/** Every code of a pattern, in order (only for small spaces: the caller checks `space`). */
export function* allCodes(pattern: CodePattern): Generator<string> {
  const placeholders = pattern.slots.filter((slot): slot is { alphabet: string } => 'alphabet' in slot);
  const digits = placeholders.map(() => 0);
  for (;;) {
    let next = 0;
    yield pattern.slots.map((slot) => ('literal' in slot ? slot.literal : slot.alphabet[digits[next++]])).join('');
    let position = digits.length - 1;
    while (position >= 0 && digits[position] === placeholders[position].alphabet.length - 1) {
      digits[position] = 0;
      position -= 1;
    }
    if (position < 0) return;
    digits[position] += 1;
  }
}

/** `count` different items of `pool` chosen uniformly (a partial Fisher–Yates shuffle; `pool` is reordered). */
export function sample<T>(pool: T[], count: number, random: RandomInt): T[] {
  const picked = Math.min(count, pool.length);
  for (let index = 0; index < picked; index += 1) {
    const other = index + random(pool.length - index);
    [pool[index], pool[other]] = [pool[other], pool[index]];
  }
  return pool.slice(0, picked);
}

/**
 * A PostgreSQL regular expression (ARE) that matches exactly the codes of the pattern. Letters and
 * digits stand for themselves; any other literal is escaped with a backslash.
 */
export function patternRegex(pattern: CodePattern): string {
  const parts = pattern.slots.map((slot) => {
    if ('alphabet' in slot) return `[${slot.alphabet}]`;
    return /[A-Za-z0-9]/.test(slot.literal) ? slot.literal : `\\${slot.literal}`;
  });
  return `^${parts.join('')}$`;
}
