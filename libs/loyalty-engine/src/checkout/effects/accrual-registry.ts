import { AccrualKind } from '../pricing-types';
import { AccrualKindDefinition } from './accrual-kind';
import { fixedPerItemAccrual } from './accrual-kinds/fixed-per-item-accrual';
import { fixedPerOrderAccrual } from './accrual-kinds/fixed-per-order-accrual';
import { multiplierAccrual } from './accrual-kinds/multiplier-accrual';
import { perAmountAccrual } from './accrual-kinds/per-amount-accrual';
import { percentAccrual } from './accrual-kinds/percent-accrual';
import { kindRegistry } from './kind-registry';

/** Every accrual kind by code. */
export const ACCRUAL_KINDS = kindRegistry<AccrualKind, AccrualKindDefinition>('accrual', [
  percentAccrual,
  perAmountAccrual,
  fixedPerOrderAccrual,
  fixedPerItemAccrual,
  multiplierAccrual,
]);
