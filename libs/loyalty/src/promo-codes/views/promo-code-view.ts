import { formatRfc3339 } from '@loyalty/kernel';
import type { PromoCodeProgram } from '../../entities/promo-code-program.entity';
import type { PromoCode } from '../../entities/promo-code.entity';
import { CodeFacts, effectiveExpiry, isExpired } from '../domain/code-state';

/** `promocodes/get` (spec api.md §8, the fields Altcraft documents) plus `uses`. */
export interface PromoCodeView {
  code: string;
  loyalty_id: number;
  created: string;
  is_attached: boolean;
  attached: string | null;
  is_activated: boolean;
  activated: string | null;
  is_expired: boolean;
  /** When it expired (its expire date or its program's end, the earlier); null while it has not. */
  expired: string | null;
  expire_date: string | null;
  /** How often it was used (multi-use codes count every use). */
  uses: number;
}

/** A code in `promocodes/list`: the view with the id that `from_id` continues from. */
export interface PromoCodeListItem extends PromoCodeView {
  id: number;
}

const time = (instant: Date | null) => (instant ? formatRfc3339(instant) : null);

export function promoCodeView(code: PromoCode, program: PromoCodeProgram, now: Date): PromoCodeView {
  const expired = isExpired({ validTo: program.validTo, expireDate: code.expireDate }, now);
  return {
    code: code.code,
    loyalty_id: program.id,
    created: formatRfc3339(code.createdAt),
    is_attached: code.profile !== null,
    attached: time(code.attachedAt),
    is_activated: code.activatedAt !== null,
    activated: time(code.activatedAt),
    is_expired: expired,
    expired: expired ? time(effectiveExpiry({ validTo: program.validTo, expireDate: code.expireDate })) : null,
    expire_date: time(code.expireDate),
    uses: code.usesCount,
  };
}

/** The facts the code rules read, from the entities. */
export function codeFacts(code: PromoCode, program: PromoCodeProgram): CodeFacts {
  return {
    code: code.code,
    kind: program.kind,
    multiUse: program.multiUse,
    maxUsesPerCode: program.maxUsesPerCode,
    validFrom: program.validFrom,
    validTo: program.validTo,
    expireDate: code.expireDate,
    attachedTo:
      code.profile !== null && code.database !== null ? { databaseId: code.database, profileId: code.profile } : null,
    usesCount: code.usesCount,
  };
}
