import { formatRfc3339, Points } from '@loyalty/kernel';
import type { PointsCurrency } from '../../entities/points-currency.entity';
import type { CurrencySettings } from '../domain/currency-settings';

/** An item of `loyalty/points_currencies/list` (`id` is the `points_currency_iid`); also the audit snapshot. */
export interface CurrencyView extends CurrencySettings {
  id: number;
  loyalty_program_id: number;
  created_at: string;
  updated_at: string;
}

export function currencySettings(currency: PointsCurrency): CurrencySettings {
  return {
    name: currency.name,
    external_id: currency.externalId,
    type: currency.type,
    initial_balance: Points.format(currency.initialBalance),
    validity:
      currency.validityUnit === null || currency.validityValue === null
        ? null
        : { unit: currency.validityUnit, value: currency.validityValue },
    activation_delay_days: currency.activationDelayDays,
    point_value: currency.pointValue,
    precision: currency.precision,
    allow_negative: currency.allowNegative,
  };
}

export function currencyView(currency: PointsCurrency): CurrencyView {
  return {
    id: currency.id,
    loyalty_program_id: currency.program,
    ...currencySettings(currency),
    created_at: formatRfc3339(currency.createdAt),
    updated_at: formatRfc3339(currency.updatedAt),
  };
}

/** The entity fields of resolved settings. */
export function currencyFields(settings: CurrencySettings) {
  return {
    name: settings.name,
    externalId: settings.external_id,
    type: settings.type,
    initialBalance: Points.parse(settings.initial_balance),
    validityUnit: settings.validity?.unit ?? null,
    validityValue: settings.validity?.value ?? null,
    activationDelayDays: settings.activation_delay_days,
    pointValue: settings.point_value,
    precision: settings.precision,
    allowNegative: settings.allow_negative,
  } satisfies Partial<PointsCurrency>;
}
