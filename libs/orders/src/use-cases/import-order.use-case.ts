import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError, MinorDigits } from '@loyalty/kernel';
import { ProgramConfigCache } from '@loyalty/loyalty';
import { requireMarketCurrency, requireTouchpoint } from '@loyalty/market-catalog';
import { Account, AccountContext, CLOCK } from '@loyalty/platform';
import { findProfile } from '@loyalty/profiles';
import { assertCheckoutImportKeeps } from '../domain/checkout-order-import';
import { planImportedLines } from '../domain/imported-lines';
import { checkCustomLineStatuses, lineStatusEffect } from '../domain/line-status-effect';
import { checkOrderTotal, readOrderDocument, SentOrder } from '../domain/order-document';
import type { ImportOrderInput } from '../domain/order-input';
import { NamedPerson, readOrderPerson } from '../domain/order-person';
import { assertOrderMove, LineEffect } from '../domain/order-statuses';
import { Order } from '../entities/order.entity';
import { customLineStatuses, declareCustomLineStatuses } from '../repositories/line-status-catalog';
import { addOrderLines, applyLinesPlan } from '../repositories/order-line-writer';
import { lockOrderKey, orderLines } from '../repositories/order-lookup';
import { CommittedOrderReturns } from '../returns/committed-order-returns';

export interface ImportOrderResult {
  orderId: number;
  externalId: string;
  /** True when the order did not exist (or was deleted and is imported anew). */
  created: boolean;
}

interface ImportScope {
  em: EntityManager;
  sent: SentOrder;
  named: NamedPerson | null;
  profileDbId: number;
  minorDigits: MinorDigits;
  lineEffect: (status: string) => LineEffect | null;
  now: Date;
}

/**
 * `market/orders/import`: creates or updates an order from the shop's system. Creating or
 * updating an imported order never touches loyalty, and import never creates profiles. Custom
 * line statuses are saved first so the lines may use them. On an update, optional header fields
 * that are absent keep their stored values. On an order made by `preorder_commit` the status
 * change acts on loyalty (api.md §5.3, rules.md §5): `canceled` reverses everything,
 * `paid` / `delivered` may activate its points early.
 */
@Injectable()
export class ImportOrder {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly programs: ProgramConfigCache,
  ) {}

  async execute(input: ImportOrderInput): Promise<ImportOrderResult> {
    const declared = input.custom_line_statuses ?? [];
    checkCustomLineStatuses(declared, 'custom_line_statuses');
    const named = readOrderPerson(input.data);
    return this.em.transactional(async (em) => {
      await lockOrderKey(em, input.data.external_id);
      await declareCustomLineStatuses(em, this.clock, declared);
      const currency = await requireMarketCurrency(em, input.data.currency, 'data.currency');
      const { channel } = await requireTouchpoint(em, input.data.endpoint, 'data.endpoint');
      const account = await em.findOneOrFail(Account, { id: AccountContext.accountId() });
      const custom = await customLineStatuses(em);
      const lineEffect = (status: string) => lineStatusEffect(status, custom);
      const sent = readOrderDocument(input.data, {
        minorDigits: currency.minorDigits,
        zone: account.timezone,
        lineEffect,
      });
      const scope: ImportScope = {
        em,
        sent,
        named,
        profileDbId: channel.database,
        minorDigits: currency.minorDigits,
        lineEffect,
        now: this.clock.now(),
      };
      const existing = await em.findOne(Order, { externalId: sent.externalId });
      const created = !existing || existing.deletedAt !== null;
      let order: Order;
      if (created) order = await this.createOrder(scope, existing);
      else if (existing.origin === 'checkout') order = await this.updateCommittedOrder(scope, existing);
      else order = await this.updateImportedOrder(scope, existing);
      await em.flush();
      return { orderId: order.id, externalId: order.externalId, created };
    });
  }

  /** A new order, or a deleted one imported anew in its place (same id; old lines and refunds dropped). */
  private async createOrder(scope: ImportScope, deleted: Order | null): Promise<Order> {
    const { em, sent, now } = scope;
    if (sent.lines === null) throw DomainError.invalid('data.lines', 'is required when the order is created');
    checkOrderTotal(sent.lines, sent.deliveryCost ?? 0n, sent.totalPrice, scope.minorDigits);
    const fields = {
      origin: 'import' as const,
      endpoint: sent.endpoint,
      person: scope.named?.person ?? null,
      profileId: await this.profileIdOf(scope),
      status: sent.status,
      currency: sent.currency,
      totalPrice: sent.totalPrice,
      deliveryCost: sent.deliveryCost ?? 0n,
      region: sent.region,
      tags: sent.tags ?? [],
      customFields: sent.customFields ?? {},
      createTime: sent.createTime ?? now,
      updateTime: sent.updateTime ?? now,
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    let order: Order;
    if (deleted) {
      for (const line of await orderLines(em, deleted.id)) em.remove(line);
      order = Object.assign(deleted, fields);
    } else {
      order = em.create(Order, { account: AccountContext.accountId(), externalId: sent.externalId, ...fields });
    }
    await em.flush();
    addOrderLines(
      em,
      order,
      sent.lines.map((line) => ({ sent: line, status: line.status ?? 'new' })),
    );
    return order;
  }

  /**
   * An imported order: the header is replaced (absent optional fields, and the person when none is
   * named, stay), lines are replaced when sent.
   */
  private async updateImportedOrder(scope: ImportScope, order: Order): Promise<Order> {
    const { em, sent, now } = scope;
    if (sent.currency !== order.currency) {
      throw DomainError.invalid('data.currency', `is ${order.currency} for this order and cannot change`);
    }
    const stored = await orderLines(em, order.id);
    const plan = sent.lines === null ? null : planImportedLines(stored, sent.lines, scope.lineEffect);
    const deliveryCost = sent.deliveryCost ?? order.deliveryCost;
    checkOrderTotal(sent.lines ?? stored, deliveryCost, sent.totalPrice, scope.minorDigits);
    assertOrderMove(order.status, sent.status);
    Object.assign(order, {
      endpoint: sent.endpoint,
      person: scope.named ? scope.named.person : order.person,
      profileId: scope.named ? await this.profileIdOf(scope) : order.profileId,
      status: sent.status,
      totalPrice: sent.totalPrice,
      deliveryCost,
      region: sent.region ?? order.region,
      tags: sent.tags ?? order.tags,
      customFields: sent.customFields ?? order.customFields,
      createTime: sent.createTime ?? order.createTime,
      updateTime: sent.updateTime ?? now,
      updatedAt: now,
    });
    if (plan) applyLinesPlan(em, order, plan);
    return order;
  }

  /**
   * An order made by `preorder_commit`: only status, update_time, tags and custom_fields change,
   * and the status acts on loyalty (rules.md §5): `canceled` returns every unit not returned yet
   * and reverses what is left of the order's transactions, giving promotion uses, budget and promo
   * codes back when the program's `release_on_cancel` says so (twice is a no-op); `paid` or
   * `delivered` activates the order's pending points when the program's `activate_on` names it;
   * `part_refunded` and the others only record (returns are made per line).
   */
  private async updateCommittedOrder(scope: ImportScope, order: Order): Promise<Order> {
    const { em, sent, now } = scope;
    const lines = await orderLines(em, order.id);
    const { endpoint, currency, totalPrice, deliveryCost, region } = order;
    assertCheckoutImportKeeps({ endpoint, currency, totalPrice, deliveryCost, region, lines }, sent);
    assertOrderMove(order.status, sent.status);
    Object.assign(order, {
      status: sent.status,
      tags: sent.tags ?? order.tags,
      customFields: sent.customFields ?? order.customFields,
      updateTime: sent.updateTime ?? now,
      updatedAt: now,
    });
    const loyalty = await CommittedOrderReturns.open(em, this.programs, order, lines, now);
    if (loyalty) {
      if (sent.status === 'canceled') await loyalty.cancel();
      else await loyalty.statusChanged(sent.status);
      await loyalty.finish();
    }
    return order;
  }

  /** The profile the person names in the sales channel's database, if there is one. */
  private async profileIdOf(scope: ImportScope): Promise<string | null> {
    if (!scope.named) return null;
    const profile = await findProfile(scope.em, scope.profileDbId, scope.named.match);
    return profile?.id ?? null;
  }
}
