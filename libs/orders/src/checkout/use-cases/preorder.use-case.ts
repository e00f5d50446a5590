import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@loyalty/kernel';
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
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly calculator: CheckoutCalculator,
  ) {}

  async execute(request: CheckoutRequest): Promise<CalculationAnswer> {
    const { answer } = await this.calculator.calculateUnlocked(request, this.clock.now());
    return answer;
  }
}
