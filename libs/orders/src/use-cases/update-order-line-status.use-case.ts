import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { ProgramConfigCache } from '@loyalty/loyalty';
import { AccountContext, CLOCK } from '@loyalty/platform';
import { committedReturnPlan, LineReturnPlan, planLineReturn } from '../domain/line-return';
import { lineStatusEffect } from '../domain/line-status-effect';
import { assertLineMove } from '../domain/order-statuses';
import { OrderLine } from '../entities/order-line.entity';
import { OrderRefund } from '../entities/order-refund.entity';
import { customLineStatuses } from '../repositories/line-status-catalog';
import { digitsOf, lockOrderKey, orderLines, requireOrder } from '../repositories/order-lookup';
import { CommittedOrderReturns } from '../returns/committed-order-returns';
import { loadCurrencyDigitMap } from '@loyalty/market-catalog';
import { lineStatusChangeView, LineStatusChangeView } from '../views/line-return-view';

export interface UpdateOrderLineStatusInput {
  order_external_id: string;
  order_line_external_id: string;
  status_external_id: string;
  /** Additional units to cancel or refund (default: all not yet returned); ignored by statuses without effect. */
  count?: number | null;
}

/**
 * `market/orders/update_order_line_status`: sets a line's status. A status that cancels or
 * refunds returns units (from the highest unit index down) and records them in the order's
 * refund history; the order's `update_time` becomes now. On an order made by `preorder_commit`
 * the return reverses exactly those units' allocation in the member's ledger (rules.md §5,
 * `CommittedOrderReturns`) and writes `order.refunded`; an imported order only records the money.
 */
@Injectable()
export class UpdateOrderLineStatus {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly programs: ProgramConfigCache,
  ) {}

  execute(input: UpdateOrderLineStatusInput): Promise<LineStatusChangeView> {
    return this.em.transactional(async (em) => {
      await lockOrderKey(em, input.order_external_id);
      const order = await requireOrder(em, input.order_external_id);
      const line = await em.findOne(OrderLine, { order: order.id, externalId: input.order_line_external_id });
      if (!line) throw DomainError.notFound(`Line "${input.order_line_external_id}" of order "${order.externalId}"`);
      const status = input.status_external_id;
      const effect = lineStatusEffect(status, await customLineStatuses(em));
      if (effect === null) {
        throw DomainError.unknownReference(
          'status_external_id',
          `"${status}" is neither a built-in nor a declared line status`,
        );
      }
      const now = this.clock.now();
      let plan: LineReturnPlan | null = null;
      let committed: CommittedOrderReturns | null = null;
      if (effect === 'none') {
        assertLineMove(line.unitsReturned, line.count, effect, status);
      } else {
        committed = await CommittedOrderReturns.open(em, this.programs, order, await orderLines(em, order.id), now);
        if (committed) {
          plan = committedReturnPlan(line, await committed.returnUnits(line, input.count ?? null, status, effect));
        } else {
          plan = planLineReturn({
            count: line.count,
            unitsReturned: line.unitsReturned,
            requested: input.count ?? null,
            pricePerItem: line.finalPricePerItem ?? line.basePricePerItem,
          });
          line.unitsReturned = plan.unitsReturnedAfter;
          em.create(OrderRefund, {
            account: AccountContext.accountId(),
            order: order.id,
            line: line.id,
            status,
            effect,
            units: plan.units,
            moneyToRefund: plan.moneyToRefund,
            pointsReturned: plan.pointsReturned,
            pointsCancelled: plan.pointsCancelled,
            discountClawedBack: plan.discountClawedBack,
            createdAt: now,
          });
        }
      }
      line.status = status;
      Object.assign(order, { updateTime: now, updatedAt: now });
      if (committed) await committed.finish();
      else await em.flush();
      const digits = digitsOf(await loadCurrencyDigitMap(em), order.currency);
      return lineStatusChangeView(order.externalId, line.externalId, plan, digits);
    });
  }
}
