import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Clock, isDomainError } from '@loyalty/kernel';
import { compileDraftPromotions, ProgramConfigCache, PromotionInput } from '@loyalty/loyalty';
import type { PricingPromotion } from '@loyalty/loyalty-engine';
import { CLOCK } from '@loyalty/platform';
import { CheckoutCalculator } from '../checkout-calculator';
import type { CheckoutRequest } from '../domain/checkout-input';
import type { CalculationAnswer } from '../views/calculation-answer';

export interface SimulationInput {
  programId: number;
  /** Draft promotions, checked as `promotions/create` checks them; they get ids -1, -2, ... */
  promotions: PromotionInput[];
  /** Whether the program's saved checkout promotions take part too (default true). */
  includeSaved: boolean;
  cart: CheckoutRequest;
}

/**
 * `loyalty/promotions/simulate`: prices a cart as `preorder` would, with draft promotions added to
 * (or instead of) the program's saved ones, and explains every decision through the applied and
 * rejected promotions. Saves nothing; the program may be inactive, so a draft program can be tried.
 */
@Injectable()
export class SimulatePromotions {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly programs: ProgramConfigCache,
    private readonly calculator: CheckoutCalculator,
  ) {}

  async execute(input: SimulationInput): Promise<CalculationAnswer> {
    // The program (404) and the drafts (errors at promotions[i]) first; then the cart's errors, named under `cart`.
    const em = this.em.fork();
    const config = await this.programs.get(em, input.programId);
    const drafts = await compileDraftPromotions(em, config, input.promotions);
    const simulation = {
      programId: input.programId,
      promotions: (saved: readonly PricingPromotion[]) => [...(input.includeSaved ? saved : []), ...drafts],
    };
    const { answer } = await this.calculator
      .calculateUnlocked(input.cart, this.clock.now(), simulation)
      .catch((error: unknown) => {
        throw isDomainError(error) ? error.atPath('cart') : error;
      });
    return answer;
  }
}
