import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { allCodes, CodePattern, patternRegex, RandomInt, randomCode, sample } from '../domain/code-pattern';
import { codesMatching, countProgramCodes, insertCodes } from './promo-code-lookup';

/** Spaces up to this size are enumerated: every free code is known and `count` is drawn from them. */
export const EXACT_SPACE_LIMIT = 100_000n;
const MAX_ROUNDS = 64;

export interface CodeTarget {
  accountId: number;
  programId: number;
  now: Date;
}

/**
 * Adds `count` new random codes of `pattern` to a program and answers them. The caller holds the
 * program's code lock (`lockProgramCodes`), so what is taken cannot change meanwhile.
 *
 * - A space of at most 100,000 codes is enumerated: the free ones are those the program does not
 *   have, and `count` of them are drawn uniformly. More than are free is error 1.
 * - A larger space is drawn from at random; codes the program has already are skipped and drawn
 *   again. The program's codes plus `count` must fit in half the space (error 1 otherwise), so a
 *   draw is free with probability at least ½ and 64 rounds finish with certainty in practice.
 */
export async function generateCodes(
  em: EntityManager,
  target: CodeTarget,
  pattern: CodePattern,
  count: number,
  random: RandomInt,
): Promise<string[]> {
  if (pattern.space <= EXACT_SPACE_LIMIT) {
    const taken = await codesMatching(em, target.programId, patternRegex(pattern));
    const free = [...allCodes(pattern)].filter((code) => !taken.has(code));
    if (count > free.length) {
      throw DomainError.invalid(
        'count',
        `the pattern makes ${pattern.space} codes and ${free.length} of them are free in this program`,
      );
    }
    return insertCodes(em, target, sample(free, count, random));
  }
  const existing = BigInt(await countProgramCodes(em, target.programId));
  if (existing + BigInt(count) > pattern.space / 2n) {
    throw DomainError.invalid(
      'count',
      `the pattern makes ${pattern.space} codes; the program's ${existing} codes and ${count} new ones must fit in half of them`,
    );
  }
  const created: string[] = [];
  const drawn = new Set<string>();
  for (let round = 0; created.length < count; round += 1) {
    if (round === MAX_ROUNDS) throw new DomainError('INTERNAL', 'Could not draw enough free promo codes');
    const needed = count - created.length;
    const batch: string[] = [];
    for (let draws = 0; batch.length < needed && draws < needed * 100; draws += 1) {
      const code = randomCode(pattern, random);
      if (drawn.has(code)) continue;
      drawn.add(code);
      batch.push(code);
    }
    created.push(...(await insertCodes(em, target, batch)));
  }
  return created;
}
