import { formatRfc3339 } from '@loyalty/kernel';
import type { PromoCodeKind, PromoCodeProgram } from '../../entities/promo-code-program.entity';

/** A promo-code program as `promocodes/programs/list` answers it (also the audit snapshot). */
export interface PromoCodeProgramView {
  id: number;
  name: string;
  short_name: string;
  kind: PromoCodeKind;
  multi_use: boolean;
  valid_from: string | null;
  valid_to: string | null;
  max_uses_per_code: number | null;
  created_at: string;
  updated_at: string;
}

export function promoCodeProgramView(program: PromoCodeProgram): PromoCodeProgramView {
  return {
    id: program.id,
    name: program.name,
    short_name: program.shortName,
    kind: program.kind,
    multi_use: program.multiUse,
    valid_from: program.validFrom ? formatRfc3339(program.validFrom) : null,
    valid_to: program.validTo ? formatRfc3339(program.validTo) : null,
    max_uses_per_code: program.maxUsesPerCode,
    created_at: formatRfc3339(program.createdAt),
    updated_at: formatRfc3339(program.updatedAt),
  };
}
