import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_PAGE_LIMIT } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { PointsAccount } from '../../entities/points-account.entity';
import { PointsTransaction } from '../../entities/points-transaction.entity';
import { Promotion } from '../../entities/promotion.entity';
import { requireMember } from '../../repositories/member-lookup';
import { CurrencyReference, requireCurrency, requireProgram } from '../../repositories/program-lookup';

export interface TransactionPage {
  items: { transaction: PointsTransaction; promotion: Promotion | null }[];
  nextFromId: number | null;
}

/** `loyalty/account/transactions`: a member's transactions in one currency, newest first (keyset by id). */
@Injectable()
export class ListTransactions {
  constructor(private readonly em: EntityManager) {}

  async execute(
    input: CurrencyReference & {
      programId: number;
      person: MatchingInput;
      fromId?: number | null;
      limit?: number | null;
    },
  ): Promise<TransactionPage> {
    const program = await requireProgram(this.em, input.programId);
    const { member } = await requireMember(this.em, program, input.person);
    const currency = await requireCurrency(this.em, program, input);
    const account = await this.em.findOne(PointsAccount, { member: member.id, currency: currency.id });
    if (!account) return { items: [], nextFromId: null };
    const limit = input.limit ?? DEFAULT_PAGE_LIMIT;
    const rows = await this.em.find(
      PointsTransaction,
      { pointsAccount: account.id, ...(input.fromId != null ? { id: { $lt: input.fromId } } : {}) },
      { orderBy: { id: 'desc' }, limit: limit + 1 },
    );
    const page = rows.slice(0, limit);
    const promotionIds = [...new Set(page.flatMap((row) => (row.promotion != null ? [row.promotion] : [])))];
    const promotions = promotionIds.length ? await this.em.find(Promotion, { id: { $in: promotionIds } }) : [];
    return {
      items: page.map((transaction) => ({
        transaction,
        promotion: promotions.find((promotion) => promotion.id === transaction.promotion) ?? null,
      })),
      nextFromId: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
