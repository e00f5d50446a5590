import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { allCodes, CodePattern, patternRegex, RandomInt, randomCode, sample } from '../domain/code-pattern';
import { codesMatching, countProgramCodes, insertCodes } from './promo-code-lookup';

/** Spaces up to this size are enumerated: every free code is known and `count` is drawn from them. */
export const EXACT_SPACE_LIMIT = 100_000n;
/** Large spaces are drawn and inserted this many codes at a time (memory stays flat; progress is told). */
const DRAW_CHUNK = 10_000;
const MAX_ROUNDS = 64;

export interface CodeTarget {
  accountId: number;
  programId: number;
  now: Date;
}

/**
 * Refuses (error 1) a count the pattern cannot give the program. A space of at most 100,000 codes
 * must have `count` codes the program does not have; in a larger one the program's codes plus
 * `count` must fit in half the space, so that a random draw is free with probability ≥ ½.
 * Answers the free codes of a small space (null for a large one).
 */
export async function ensureRoom(
  em: EntityManager,
  programId: number,
  pattern: CodePattern,
  count: number,
): Promise<string[] | null> {
  if (pattern.space <= EXACT_SPACE_LIMIT) {
    const taken = await codesMatching(em, programId, patternRegex(pattern));
    const free = [...allCodes(pattern)].filter((code) => !taken.has(code));
    if (count > free.length) {
      throw DomainError.invalid(
        'count',
        `the pattern makes ${pattern.space} codes and ${free.length} of them are free in this program`,
      );
    }
    return free;
  }
  const existing = BigInt(await countProgramCodes(em, programId));
  if (existing + BigInt(count) > pattern.space / 2n) {
    throw DomainError.invalid(
      'count',
      `the pattern makes ${pattern.space} codes; the program's ${existing} codes and ${count} new ones must fit in half of them`,
    );
  }
  return null;
}

/**
 * Adds `count` new random codes of `pattern` to a program and answers them. The caller holds the
 * program's code lock (`lockProgramCodes`), so what is taken cannot change meanwhile.
 *
 * - A small space (≤ 100,000) is enumerated and `count` of its free codes are drawn uniformly.
 * - A larger space is drawn from at random, 10,000 codes at a time: codes the program already has
 *   are skipped by the insert and drawn again, up to 64 rounds a chunk (with at least half the
 *   space free, that finishes with certainty in practice). `onProgress` hears the running total.
 */
export async function generateCodes(
  em: EntityManager,
  target: CodeTarget,
  pattern: CodePattern,
  count: number,
  random: RandomInt,
  onProgress: (created: number) => Promise<void> = async () => undefined,
): Promise<string[]> {
  const free = await ensureRoom(em, target.programId, pattern, count);
  if (free !== null) {
    const created = await insertCodes(em, target, sample(free, count, random));
    await onProgress(created.length);
    return created;
  }
  const created: string[] = [];
  while (created.length < count) {
    created.push(...(await drawChunk(em, target, pattern, Math.min(DRAW_CHUNK, count - created.length), random)));
    await onProgress(created.length);
  }
  return created;
}

async function drawChunk(
  em: EntityManager,
  target: CodeTarget,
  pattern: CodePattern,
  count: number,
  random: RandomInt,
): Promise<string[]> {
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
