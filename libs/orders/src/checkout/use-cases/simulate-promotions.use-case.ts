import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type Clock, DomainError, isDomainError } from '@loyalty/kernel';
import { compileDraftPromotions, PromotionInput, readCheckoutBalance } from '@loyalty/loyalty';
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
    private readonly calculator: CheckoutCalculator,
  ) {}

  async execute(input: SimulationInput): Promise<CalculationAnswer> {
    const now = this.clock.now();
    const em = this.em.fork();
    const { answer } = await this.calculator
      .calculate(em, input.cart, now, (member, currency) => readCheckoutBalance(em, member, currency, now), {
        programId: input.programId,
        promotions: async (session) => [
          ...(input.includeSaved ? session.pricing.promotions : []),
          ...(await compileDraftPromotions(em, session.config, input.promotions)),
        ],
      })
      .catch((error: unknown) => {
        throw isDomainError(error) && !isDraftError(error) ? error.atPath('cart') : error;
      });
    return answer;
  }
}

/** Errors of the drafts already name `promotions[i]`; the cart's are named under `cart`. */
function isDraftError(error: DomainError): boolean {
  const fields = error.details.fields ?? [];
  return fields.length > 0 && fields.every((field) => field.path.startsWith('promotions['));
}
