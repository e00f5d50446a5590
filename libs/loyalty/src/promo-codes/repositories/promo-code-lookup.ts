import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { lockTransactionKey } from '@loyalty/platform';
import { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import { PromoCode } from '../../entities/promo-code.entity';

/** The promo-code program a method is about (`loyalty_id`): 404 when missing or another account's. */
export async function requirePromoCodeProgram(em: EntityManager, programId: number): Promise<PromoCodeProgram> {
  const program = await em.findOne(PromoCodeProgram, { id: programId });
  if (!program) throw DomainError.notFound(`Promo code program ${programId}`);
  return program;
}

/**
 * The code a method is about, with its program. An unknown program, another account's program and
 * an unknown code all answer the same 404, so codes cannot be probed (quality.md §5). `lock` takes
 * the code's row for the rest of the transaction.
 */
export async function requirePromoCode(
  em: EntityManager,
  programId: number,
  code: string,
  lock = false,
): Promise<{ program: PromoCodeProgram; code: PromoCode }> {
  const program = await em.findOne(PromoCodeProgram, { id: programId });
  const found = program
    ? await em.findOne(PromoCode, { program: program.id, code }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {})
    : null;
  if (!program || !found) throw DomainError.notFound('Promo code');
  return { program, code: found };
}

/** Generation and import of one program take turns, so "already taken" stays true until they commit. */
export function lockProgramCodes(em: EntityManager, programId: number): Promise<void> {
  return lockTransactionKey(em, `promo-codes/${programId}`);
}

/** How many codes the program has. */
export function countProgramCodes(em: EntityManager, programId: number): Promise<number> {
  return em.count(PromoCode, { program: programId });
}

/** The given codes the program already has. */
export async function takenCodes(em: EntityManager, programId: number, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows: { code: string }[] = await em.execute(
    `select c.code from promo_codes c
      where c.program_id = ? and c.code in (select value from jsonb_array_elements_text(?::jsonb))`,
    [programId, JSON.stringify(codes)],
  );
  return new Set(rows.map((row) => row.code));
}

/** The program's codes that match a PostgreSQL regular expression. */
export async function codesMatching(em: EntityManager, programId: number, regex: string): Promise<Set<string>> {
  const rows: { code: string }[] = await em.execute('select code from promo_codes where program_id = ? and code ~ ?', [
    programId,
    regex,
  ]);
  return new Set(rows.map((row) => row.code));
}

const INSERT_CHUNK = 5_000;

/**
 * Inserts codes into a program in the given order (ids ascending with it) and answers the ones it
 * inserted: a code the program already has is skipped, not an error.
 */
export async function insertCodes(
  em: EntityManager,
  target: { accountId: number; programId: number; now: Date },
  codes: string[],
): Promise<string[]> {
  const inserted: string[] = [];
  for (let start = 0; start < codes.length; start += INSERT_CHUNK) {
    const rows: { code: string }[] = await em.execute(
      `insert into promo_codes (account_id, program_id, code, uses_count, created_at, updated_at)
       select ?, ?, q.code, 0, ?, ?
         from jsonb_array_elements_text(?::jsonb) with ordinality as q(code, position)
        order by q.position
       on conflict (program_id, code) do nothing
       returning code`,
      [
        target.accountId,
        target.programId,
        target.now,
        target.now,
        JSON.stringify(codes.slice(start, start + INSERT_CHUNK)),
      ],
    );
    inserted.push(...rows.map((row) => row.code));
  }
  return inserted;
}
