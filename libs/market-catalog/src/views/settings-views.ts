import { formatRfc3339 } from '@loyalty/kernel';
import type { CustomField } from '../entities/custom-field.entity';
import type { MarketCurrency } from '../entities/market-currency.entity';
import type { Region } from '../entities/region.entity';
import type { SalesChannel } from '../entities/sales-channel.entity';
import type { Touchpoint } from '../entities/touchpoint.entity';

const stamps = (row: { createdAt: Date; updatedAt?: Date }) => ({
  created_at: formatRfc3339(row.createdAt),
  ...(row.updatedAt ? { updated_at: formatRfc3339(row.updatedAt) } : {}),
});

export function channelView(channel: SalesChannel) {
  return {
    id: channel.id,
    external_id: channel.externalId,
    name: channel.name,
    type: channel.type,
    db_id: channel.database,
    tags: channel.tags,
    ...stamps(channel),
  };
}
export type ChannelView = ReturnType<typeof channelView>;

export function touchpointView(touchpoint: Touchpoint, channelExternalId: string) {
  return {
    id: touchpoint.id,
    external_id: touchpoint.externalId,
    name: touchpoint.name,
    channel_external_id: channelExternalId,
    ...stamps(touchpoint),
  };
}
export type TouchpointView = ReturnType<typeof touchpointView>;

export function currencyView(currency: MarketCurrency) {
  return { id: currency.id, code: currency.code, minor_digits: currency.minorDigits, ...stamps(currency) };
}
export type MarketCurrencyView = ReturnType<typeof currencyView>;

export function regionView(region: Region) {
  return { id: region.id, external_id: region.externalId, name: region.name, ...stamps(region) };
}
export type RegionView = ReturnType<typeof regionView>;

export function customFieldView(field: CustomField) {
  return {
    id: field.id,
    external_id: field.externalId,
    name: field.name,
    entity_type: field.entityType,
    value_type: field.valueType,
    required: field.required,
    default_value: field.defaultValue,
    ...stamps(field),
  };
}
export type CustomFieldView = ReturnType<typeof customFieldView>;
