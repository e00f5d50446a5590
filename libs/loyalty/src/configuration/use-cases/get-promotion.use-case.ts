import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPromotion, requireProgram } from '../../repositories/program-lookup';
import { promotionView, PromotionView } from '../views/promotion-view';
import { programMinorDigits } from '../../domain/program-money';

/** `loyalty/promotions/get`: a promotion named by its id (a number) or external id (a string); 404 otherwise. */
@Injectable()
export class GetPromotion {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number, reference: number | string): Promise<PromotionView> {
    const program = await requireProgram(this.em, programId);
    return promotionView(await findPromotion(this.em, program.id, reference, 'own'), programMinorDigits(program));
  }
}
