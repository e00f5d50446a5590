import { DomainError, parseInstantOrDate } from '@loyalty/kernel';
import type { PromoCodeKind } from '../../entities/promo-code-program.entity';
import { oneOf, requireIntegerIn } from '../../configuration/domain/field-rules';

export const PROMO_CODE_KINDS: readonly PromoCodeKind[] = ['personal', 'universal'];
export const MAX_USES_PER_CODE = 1_000_000_000;

/** The body of `promocodes/programs/create`. */
export interface PromoCodeProgramInput {
  name: string;
  short_name: string;
  kind: PromoCodeKind;
  multi_use?: boolean | null;
  valid_from?: string | null;
  valid_to?: string | null;
  max_uses_per_code?: number | null;
}

export interface PromoCodeProgramSettings {
  name: string;
  shortName: string;
  kind: PromoCodeKind;
  multiUse: boolean;
  validFrom: Date | null;
  validTo: Date | null;
  maxUsesPerCode: number | null;
}

/**
 * A program's settings from the create body. Dates alone are read in `zone` (the account's):
 * `valid_from` as the start of its day, `valid_to` as the end. Only universal programs may be
 * multi-use (a personal code belongs to one person, who uses it once), and only multi-use
 * programs take `max_uses_per_code` (absent or null: without limit).
 */
export function resolvePromoCodeProgramSettings(input: PromoCodeProgramInput, zone: string): PromoCodeProgramSettings {
  const kind = oneOf(input.kind, PROMO_CODE_KINDS, 'kind');
  const multiUse = input.multi_use ?? false;
  if (multiUse && kind === 'personal') {
    throw DomainError.invalid('multi_use', 'a personal code belongs to one profile and is used once');
  }
  const maxUses = input.max_uses_per_code ?? null;
  if (maxUses !== null) {
    if (!multiUse) throw DomainError.invalid('max_uses_per_code', 'applies to multi-use programs only');
    requireIntegerIn(maxUses, 1, MAX_USES_PER_CODE, 'max_uses_per_code');
  }
  const validFrom = input.valid_from ? parseInstantOrDate(input.valid_from, zone, 'start', 'valid_from') : null;
  const validTo = input.valid_to ? parseInstantOrDate(input.valid_to, zone, 'end', 'valid_to') : null;
  if (validFrom && validTo && validTo.getTime() < validFrom.getTime()) {
    throw DomainError.invalid('valid_to', 'must not be before valid_from');
  }
  return {
    name: input.name,
    shortName: input.short_name,
    kind,
    multiUse,
    validFrom,
    validTo,
    maxUsesPerCode: maxUses,
  };
}
