import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { outboxInsert } from '@loyalty/platform';
import type { PromoCodeKind } from '../../entities/promo-code-program.entity';
import {
  activationRefusal,
  checkoutState,
  CodeFacts,
  CodeHolder,
  PromoCodeState,
  STATE_PREFERENCE,
} from '../domain/code-state';

/** What checkout learns of one code it was sent. */
export interface CheckedPromoCode {
  code: string;
  state: PromoCodeState;
  /** The code's program; null when `invalid` (nothing is told of an invalid code). */
  programId: number | null;
  /** The code's row, for `activatePromoCodes`; null when `invalid`. */
  codeId: number | null;
}

export interface CheckPromoCodesInput {
  accountId: number;
  codes: readonly string[];
  /** The buyer; null for an anonymous one. */
  profile: CodeHolder | null;
  now: Date;
}

type CodeRow = {
  position: string | number;
  code: string;
  code_id: string | number | null;
  program_id: string | number | null;
  kind: PromoCodeKind | null;
  multi_use: boolean | null;
  max_uses_per_code: number | null;
  valid_from: Date | string | null;
  valid_to: Date | string | null;
  expire_date: Date | string | null;
  database_id: string | number | null;
  profile_id: string | null;
  uses_count: number | null;
};

const date = (value: Date | string | null) => (value === null ? null : new Date(value));

function factsOf(row: CodeRow): CodeFacts {
  return {
    code: row.code,
    kind: row.kind as PromoCodeKind,
    multiUse: row.multi_use === true,
    maxUsesPerCode: row.max_uses_per_code,
    validFrom: date(row.valid_from),
    validTo: date(row.valid_to),
    expireDate: date(row.expire_date),
    attachedTo:
      row.profile_id !== null && row.database_id !== null
        ? { databaseId: Number(row.database_id), profileId: row.profile_id }
        : null,
    usesCount: Number(row.uses_count),
  };
}

const CODE_COLUMNS = `c.id as code_id, c.program_id, p.kind, p.multi_use, p.max_uses_per_code, p.valid_from, p.valid_to,
  c.expire_date, c.database_id, c.profile_id, c.uses_count`;

/**
 * The state of every code a cart sends, for the buyer, in one query (rules.md §4): one answer per
 * distinct code, in the order first sent. Codes are compared exactly. A text that is a code of
 * several programs of the account answers its most favourable state (valid first; then the lowest
 * id). Unknown codes, other accounts' codes and personal codes attached to someone else are
 * `invalid` with no program, so a cart cannot tell them apart.
 */
export async function checkPromoCodes(em: EntityManager, input: CheckPromoCodesInput): Promise<CheckedPromoCode[]> {
  const codes = [...new Set(input.codes)];
  if (codes.length === 0) return [];
  const rows: CodeRow[] = await em.execute(
    `select q.position, q.code, ${CODE_COLUMNS}
       from jsonb_array_elements_text(?::jsonb) with ordinality as q(code, position)
       left join promo_codes c on c.account_id = ? and c.code = q.code
       left join promo_code_programs p on p.id = c.program_id
      order by q.position, c.id`,
    [JSON.stringify(codes), input.accountId],
  );
  const best = new Map<string, CheckedPromoCode>();
  for (const row of rows) {
    const state = row.code_id === null ? 'invalid' : checkoutState(factsOf(row), input.profile, input.now);
    const answer: CheckedPromoCode =
      state === 'invalid'
        ? { code: row.code, state, programId: null, codeId: null }
        : { code: row.code, state, programId: Number(row.program_id), codeId: Number(row.code_id) };
    const held = best.get(row.code);
    if (!held || STATE_PREFERENCE.indexOf(state) < STATE_PREFERENCE.indexOf(held.state)) best.set(row.code, answer);
  }
  return codes.map((code) => best.get(code) as CheckedPromoCode);
}

export interface ActivatePromoCodesInput {
  accountId: number;
  codeIds: readonly number[];
  /** Who uses the codes: personal codes must be attached to this profile; null for an anonymous buyer. */
  profile: CodeHolder | null;
  now: Date;
}

export interface ActivatedPromoCode {
  codeId: number;
  code: string;
  programId: number;
  /** Uses after this one. */
  usesCount: number;
}

/** A code is usable when it is in its window and has a use left (and, if personal, is the holder's). */
const USABLE = `(p.valid_from is null or p.valid_from <= ?)
  and (p.valid_to is null or p.valid_to >= ?)
  and (c.expire_date is null or c.expire_date >= ?)
  and case
        when p.kind = 'personal' then c.profile_id = ? and c.database_id = ? and c.uses_count = 0
        when p.multi_use then p.max_uses_per_code is null or c.uses_count < p.max_uses_per_code
        else c.uses_count = 0
      end`;

/** Locks the account's codes among `ids` in id order (two transactions never wait on each other in a cycle). */
async function lockCodes(em: EntityManager, accountId: number, ids: number[]): Promise<void> {
  await em.execute('select id from promo_codes where account_id = ? and id = any(?::bigint[]) order by id for update', [
    accountId,
    `{${ids.join(',')}}`,
  ]);
}

/**
 * Uses the codes once each, inside the caller's transaction (a commit, or `promocodes/activate`),
 * and writes a `promocode.activated` event per code. Each use is a conditional update on the
 * locked rows, so one code sent by two concurrent commits is used once: the second finds no use
 * left and fails with error 16 (11 for a multi-use code at its maximum), which rolls the caller
 * back. Every id must be a code of the account that `profile` may use now.
 */
export async function activatePromoCodes(
  em: EntityManager,
  input: ActivatePromoCodesInput,
): Promise<ActivatedPromoCode[]> {
  const ids = [...new Set(input.codeIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  await lockCodes(em, input.accountId, ids);
  const { now, profile } = input;
  const updated: { id: string | number; code: string; program_id: string | number; uses_count: number }[] =
    await em.execute(
      `update promo_codes c
          set uses_count = c.uses_count + 1, activated_at = coalesce(c.activated_at, ?), updated_at = ?
         from promo_code_programs p
        where c.account_id = ? and c.id = any(?::bigint[]) and p.id = c.program_id and ${USABLE}
       returning c.id, c.code, c.program_id, c.uses_count`,
      [
        now,
        now,
        input.accountId,
        `{${ids.join(',')}}`,
        now,
        now,
        now,
        profile?.profileId ?? null,
        profile?.databaseId ?? null,
      ],
    );
  if (updated.length < ids.length) {
    const done = new Set(updated.map((row) => Number(row.id)));
    throw await refusalOf(
      em,
      input,
      ids.filter((id) => !done.has(id)),
    );
  }
  const activated = updated
    .map((row) => ({
      codeId: Number(row.id),
      code: row.code,
      programId: Number(row.program_id),
      usesCount: row.uses_count,
    }))
    .sort((a, b) => a.codeId - b.codeId);
  const events = outboxInsert(
    activated.map((code) => ({
      accountId: input.accountId,
      eventType: 'promocode.activated',
      subjectKey: `promocode:${code.codeId}`,
      occurredAt: now,
      payload: {
        loyalty_id: code.programId,
        code: code.code,
        uses: code.usesCount,
        db_id: profile?.databaseId ?? null,
        profile_id: profile?.profileId ?? null,
        activated_at: now.toISOString(),
      },
    })),
  );
  if (events) await em.execute(events.sql, events.params);
  return activated;
}

/** Why the first of the refused codes could not be used (its row is locked by the caller). */
async function refusalOf(em: EntityManager, input: ActivatePromoCodesInput, refused: number[]): Promise<DomainError> {
  const rows: CodeRow[] = await em.execute(
    `select c.id as position, c.code, ${CODE_COLUMNS}
       from promo_codes c join promo_code_programs p on p.id = c.program_id
      where c.account_id = ? and c.id = any(?::bigint[])
      order by c.id`,
    [input.accountId, `{${refused.join(',')}}`],
  );
  for (const row of rows) {
    const refusal = activationRefusal(factsOf(row), input.profile, input.now);
    if (refusal) return refusal;
  }
  return new DomainError('PROMO_CODE_INVALID', 'The promo code cannot be used', {
    code: rows[0]?.code ?? null,
  });
}

export interface ReleasePromoCodesInput {
  accountId: number;
  codeIds: readonly number[];
  /** Stamped as the codes' `updated_at` (the database's clock when absent). */
  now?: Date;
}

/**
 * Gives one use of each code back (a cancelled order whose program releases on cancel, rules.md
 * §5), inside the caller's transaction. A code with no use to give back is left alone; the
 * answer is the ids that were released. The caller releases an order's codes once.
 */
export async function releasePromoCodes(em: EntityManager, input: ReleasePromoCodesInput): Promise<number[]> {
  const ids = [...new Set(input.codeIds)].sort((a, b) => a - b);
  if (ids.length === 0) return [];
  await lockCodes(em, input.accountId, ids);
  const rows: { id: string | number }[] = await em.execute(
    `update promo_codes
        set uses_count = uses_count - 1,
            activated_at = case when uses_count <= 1 then null else activated_at end,
            updated_at = coalesce(?::timestamptz, now())
      where account_id = ? and id = any(?::bigint[]) and uses_count > 0
     returning id`,
    [input.now ?? null, input.accountId, `{${ids.join(',')}}`],
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}
