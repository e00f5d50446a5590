import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { PromotionActivity, setPromotionActive } from './promotion-activity';

/** `loyalty/promotions/deactivate`: a no-op when already inactive. */
@Injectable()
export class DeactivatePromotion {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number, reference: number | string): Promise<PromotionActivity> {
    return setPromotionActive(this.em, this.clock, programId, reference, false);
  }
}
