import { DomainError } from '@loyalty/kernel';
import type { PointsCurrency } from '../../entities/points-currency.entity';

/** Tier groups read qualification points only. */
export function requireQualificationCurrency(currency: PointsCurrency): PointsCurrency {
  if (currency.type !== 'qualification') {
    throw DomainError.invalid(
      'points_currency_eid',
      `must be a qualification currency; ${currency.externalId} is a ${currency.type} currency`,
    );
  }
  return currency;
}
