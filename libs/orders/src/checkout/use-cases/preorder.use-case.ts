import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { readCheckoutBalance } from '@loyalty/loyalty';
import { CLOCK } from '@loyalty/platform';
import { CheckoutCalculator } from '../checkout-calculator';
import type { CheckoutRequest } from '../domain/checkout-input';
import type { CalculationAnswer } from '../views/calculation-answer';

/**
 * `market/orders/preorder`: prices a cart and changes nothing — no row written, no lock taken, no
 * counter moved; balances are read as of now without waiting for the worker.
 */
@Injectable()
export class Preorder {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calculator: CheckoutCalculator,
  ) {}

  async execute(request: CheckoutRequest): Promise<CalculationAnswer> {
    const now = this.clock.now();
    const em = this.em.fork();
    const { answer } = await this.calculator.calculate(em, request, now, (member, currency) =>
      readCheckoutBalance(em, member, currency, now),
    );
    return answer;
  }
}
