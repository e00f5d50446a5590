import { DiscountKind } from '../pricing-types';
import { DiscountKindDefinition } from './discount-kind';
import { kindRegistry } from './kind-registry';
import { fixedDiscount } from './discount-kinds/fixed-discount';
import { fixedPerItemDiscount } from './discount-kinds/fixed-per-item-discount';
import { fixedPriceDiscount } from './discount-kinds/fixed-price-discount';
import { percentDiscount } from './discount-kinds/percent-discount';

/** Every discount kind by code. */
export const DISCOUNT_KINDS = kindRegistry<DiscountKind, DiscountKindDefinition>('discount', [
  percentDiscount,
  fixedDiscount,
  fixedPerItemDiscount,
  fixedPriceDiscount,
]);
