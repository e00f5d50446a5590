import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { requirePromoCode } from '../repositories/promo-code-lookup';
import { promoCodeView, PromoCodeView } from '../views/promo-code-view';

/** `promocodes/get`: a code of a program; unknown and other accounts' codes answer the same 404. */
@Injectable()
export class GetPromoCode {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(programId: number, code: string): Promise<PromoCodeView> {
    const found = await requirePromoCode(this.em, programId, code);
    return promoCodeView(found.code, found.program, this.clock.now());
  }
}
