import { DomainError } from '@loyalty/kernel';
import type { PromoCodeKind } from '../../entities/promo-code-program.entity';

/** A profile as promo codes know it: its database and its `profile_id`. */
export interface CodeHolder {
  databaseId: number;
  profileId: string;
}

/** What the rules need to know of a code and its program. */
export interface CodeFacts {
  code: string;
  kind: PromoCodeKind;
  multiUse: boolean;
  maxUsesPerCode: number | null;
  validFrom: Date | null;
  validTo: Date | null;
  expireDate: Date | null;
  attachedTo: CodeHolder | null;
  usesCount: number;
}

/** What checkout learns of a code it was sent (rules.md §4, last bullet). */
export type PromoCodeState = 'valid' | 'invalid' | 'expired' | 'not_attached' | 'already_used';

export function sameHolder(a: CodeHolder | null, b: CodeHolder | null): boolean {
  return a !== null && b !== null && a.databaseId === b.databaseId && a.profileId === b.profileId;
}

/** The code's last valid millisecond: the earlier of its own expire date and its program's end. */
export function effectiveExpiry(facts: Pick<CodeFacts, 'validTo' | 'expireDate'>): Date | null {
  const ends = [facts.validTo, facts.expireDate].filter((end): end is Date => end !== null);
  return ends.length === 0 ? null : new Date(Math.min(...ends.map((end) => end.getTime())));
}

/** Past its end (both ends of a window are inclusive to the millisecond). */
export function isExpired(facts: Pick<CodeFacts, 'validTo' | 'expireDate'>, now: Date): boolean {
  const end = effectiveExpiry(facts);
  return end !== null && now.getTime() > end.getTime();
}

/** Usable at `now`: after the program's start and not expired. */
export function isInWindow(facts: CodeFacts, now: Date): boolean {
  return (facts.validFrom === null || now.getTime() >= facts.validFrom.getTime()) && !isExpired(facts, now);
}

/** No use left: personal and single-use codes after one use, multi-use ones at their maximum. */
export function isUsedUp(facts: CodeFacts): boolean {
  if (facts.kind === 'universal' && facts.multiUse) {
    return facts.maxUsesPerCode !== null && facts.usesCount >= facts.maxUsesPerCode;
  }
  return facts.usesCount > 0;
}

/**
 * The state checkout reports for a code sent by `buyer` (null: anonymous). Codes must not be
 * probed (rules.md §4): a code nobody has (`facts` null, including another account's), a personal
 * code attached to someone else and a free personal code are all `invalid` — telling a free code
 * apart would let a guesser find codes that exist. `already_used` and `expired` are told only about
 * the buyer's own codes and universal codes, so `not_attached` is never answered by checkout.
 */
export function checkoutState(facts: CodeFacts | null, buyer: CodeHolder | null, now: Date): PromoCodeState {
  if (facts === null) return 'invalid';
  if (facts.kind === 'personal') {
    if (!sameHolder(facts.attachedTo, buyer)) return 'invalid';
  }
  if (isUsedUp(facts)) return 'already_used';
  if (!isInWindow(facts, now)) return 'expired';
  return 'valid';
}

/** How favourable a state is, when one text is a code of several programs of the account. */
export const STATE_PREFERENCE: readonly PromoCodeState[] = [
  'valid',
  'already_used',
  'expired',
  'not_attached',
  'invalid',
];

/**
 * Why `holder` may not activate the code now, or null when it may. Personal codes must be attached
 * (to `holder`); a used single-use or personal code is error 16, a multi-use code at its maximum
 * error 11; outside the program's window or past the expire date, error 16.
 */
export function activationRefusal(facts: CodeFacts, holder: CodeHolder | null, now: Date): DomainError | null {
  const details = { code: facts.code };
  if (facts.kind === 'personal') {
    if (facts.attachedTo === null) {
      return new DomainError('PROMO_CODE_INVALID', 'The promo code is not attached to a profile', details);
    }
    if (!sameHolder(facts.attachedTo, holder)) {
      return new DomainError('PROMO_CODE_INVALID', 'The promo code is attached to another profile', details);
    }
  }
  if (isUsedUp(facts)) {
    return facts.kind === 'universal' && facts.multiUse
      ? new DomainError('LIMIT_REACHED', `The promo code was used ${facts.usesCount} times, its maximum`, details)
      : new DomainError('PROMO_CODE_INVALID', 'The promo code is already activated', details);
  }
  if (facts.validFrom !== null && now.getTime() < facts.validFrom.getTime()) {
    return new DomainError('PROMO_CODE_INVALID', 'The promo code program has not started yet', details);
  }
  if (isExpired(facts, now)) return new DomainError('PROMO_CODE_INVALID', 'The promo code has expired', details);
  return null;
}
