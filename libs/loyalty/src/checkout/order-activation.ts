import type { PointsByCurrency } from '@loyalty/loyalty-engine';
import type { LoyaltyProgram } from '../entities/loyalty-program.entity';
import { findTransactionById } from '../ledger/ledger-store';
import type { MemberLedger } from '../ledger/member-ledger';
import type { OrderPostedTransaction } from './order-reversal';

/**
 * Whether an order moving to `status` activates its pending points now (rules.md §5): only when
 * the program's `activate_on` is that status (`"paid"` or `"delivered"`); with `"delay"` the
 * points wait for the end of the currency's delay.
 */
export function activatesOrderPoints(program: Pick<LoyaltyProgram, 'activateOn'>, status: string): boolean {
  return program.activateOn !== 'delay' && program.activateOn === status;
}

/**
 * Activates the pending lots of an order's accruals now (`MemberLedger.activateEarly`): their
 * `activation_at` becomes now and their remaining moves from pending to active. Lots already
 * active or expired, and accruals no longer posted, are left alone, so a second call does nothing.
 * Returns the points activated per currency.
 */
export async function activateOrderPoints(
  ledger: MemberLedger,
  transactions: readonly OrderPostedTransaction[],
): Promise<PointsByCurrency[]> {
  const activated: PointsByCurrency[] = [];
  for (const posted of transactions.filter((entry) => entry.type === 'accrual')) {
    const accrual = await findTransactionById(ledger.em, ledger.program.id, posted.transactionId);
    if (!accrual) continue;
    const amount = await ledger.activateEarly(accrual);
    if (amount > 0n) activated.push({ points_currency_eid: posted.currencyEid, amount });
  }
  return activated;
}
