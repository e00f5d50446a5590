import { RedemptionOverride } from '../pricing-types';
import { isAbsent, POSITIVE, readObject, readRate, SHARE_PERCENT } from './raw-fields';

/** A points promotion's `redemption` block as the API sends and returns it. */
export type RedemptionOverrideView = {
  max_share_percent: string;
  point_value: string | null;
};

/**
 * Checks a `redemption` block: `max_share_percent` in [0, 100] (0 forbids redemption on the
 * promotion's lines), optional `point_value` > 0. The point value is stored and echoed but not
 * applied yet: redeemed points are always valued at their currency's `point_value`.
 */
export function parseRedemptionOverride(raw: unknown, path = 'redemption'): RedemptionOverride {
  const block = readObject(raw, path, ['max_share_percent', 'point_value']);
  return {
    maxSharePercent: readRate(block['max_share_percent'], `${path}.max_share_percent`, SHARE_PERCENT),
    pointValue: isAbsent(block['point_value']) ? null : readRate(block['point_value'], `${path}.point_value`, POSITIVE),
  };
}

export function redemptionOverrideView(override: RedemptionOverride): RedemptionOverrideView {
  return { max_share_percent: override.maxSharePercent, point_value: override.pointValue ?? null };
}
