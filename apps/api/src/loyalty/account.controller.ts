import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  GetBalance,
  GetExpiringPoints,
  GetMemberTiers,
  ListTransactions,
  PointsTransaction,
  Promotion,
} from '@loyalty/loyalty';
import { Points } from '@loyalty/kernel';
import { API_PREFIX, ApiMethod, DateTimeField, IdField, IntField, Out } from '@loyalty/platform';
import { PageInfo, pageOf } from '../common/page.dto';
import { wireTime } from '../common/wire-format';
import { CurrencyMemberRequest, MemberRequest } from './loyalty.dto';

export class CurrencyBalanceView {
  @Out({ example: 'bonus' })
  points_currency_eid!: string;

  @Out({ description: 'active + pending + held', example: '1000.00' })
  total_balance!: string;

  @Out({ example: '800.50' })
  active_balance!: string;

  @Out({ example: '199.50' })
  pending_balance!: string;

  @Out({ example: '0.00' })
  held_balance!: string;
}

export class BalanceResponse extends CurrencyBalanceView {
  @Out({
    type: [CurrencyBalanceView],
    required: false,
    description: 'When no currency is named: one entry per currency (and no other field)',
  })
  items?: CurrencyBalanceView[];
}

export class TransactionsRequest extends CurrencyMemberRequest {
  @IdField({ optional: true, nullable: true, description: 'Return transactions older than this id', example: null })
  from_id?: number | null;

  @IntField({ optional: true, nullable: true, min: 1, max: 100, example: 20 })
  limit?: number | null;
}

export class TransactionView {
  @Out({ type: 'integer', example: 1042 })
  transaction_id!: number;

  @Out({ example: 'order-1042-bonus' })
  transaction_eid!: string;

  @Out({ format: 'date-time', example: '2026-03-15T12:00:00.000Z' })
  created_at!: string;

  @Out({
    enum: ['accrual', 'redemption', 'expiration', 'cancellation', 'adjustment', 'initial_balance'],
    example: 'accrual',
  })
  transaction_type!: string;

  @Out({ enum: ['temporary', 'posted', 'rolled_back', 'cancelled'], example: 'posted' })
  status!: string;

  @Out({ description: 'Signed change of the total balance', example: '100.00' })
  amount!: string;

  @Out({ example: '299.50' })
  balance_before!: string;

  @Out({ example: '399.50' })
  balance_after!: string;

  @Out({ type: 'integer', nullable: true, example: 3 })
  promo_iid!: number | null;

  @Out({ nullable: true, example: 'app_install' })
  promo_eid!: string | null;

  @Out({ nullable: true, example: null })
  description!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-03-15T12:00:00.000Z' })
  activation_date!: string | null;

  @Out({ format: 'date-time', nullable: true, example: null })
  expiration_date!: string | null;

  @Out({ nullable: true, example: 'promotion' })
  source_type!: string | null;

  @Out({ nullable: true, example: '3' })
  source_iid!: string | null;

  @Out({ nullable: true, example: 'app_install' })
  source_eid!: string | null;

  @Out({ type: 'object', nullable: true, additionalProperties: true, example: null })
  external_data!: unknown;
}

export class TransactionsResponse extends PageInfo {
  @Out({ type: [TransactionView] })
  items!: TransactionView[];
}

export class ExpiringPointsRequest extends CurrencyMemberRequest {
  @DateTimeField({ example: '2023-09-01' })
  date_from!: string;

  @DateTimeField({ example: '2023-09-30' })
  date_to!: string;
}

export class ExpiringPointsResponse {
  @Out({ example: '150.24' })
  expiring_points!: string;
}

export class MemberTiersRequest extends MemberRequest {
  @IdField({ example: 1 })
  tiers_group_id!: number;
}

export class MemberTierView {
  @Out({ enum: ['cumulative', 'periodic'], example: 'cumulative' })
  tiers_group_type!: string;

  @Out({ example: 'silver' })
  tier_eid!: string;

  @Out({ type: 'integer', example: 2 })
  tier_id!: number;

  @Out({ type: 'integer', example: 1 })
  tier_order!: number;

  @Out({ format: 'date-time', example: '2026-04-01T10:00:00.000Z' })
  reached_at!: string;
}

function toView(transaction: PointsTransaction, promotion: Promotion | null): TransactionView {
  return {
    transaction_id: transaction.id,
    transaction_eid: transaction.transactionEid,
    created_at: wireTime(transaction.createdAt),
    transaction_type: transaction.type,
    status: transaction.status,
    amount: Points.format(transaction.amount),
    balance_before: Points.format(transaction.balanceBefore),
    balance_after: Points.format(transaction.balanceAfter),
    promo_iid: promotion?.id ?? null,
    promo_eid: promotion?.externalId ?? null,
    description: transaction.description,
    activation_date: wireTime(transaction.activationAt),
    expiration_date: wireTime(transaction.expirationAt),
    source_type: transaction.sourceType,
    source_iid: transaction.sourceIid,
    source_eid: transaction.sourceEid,
    external_data: transaction.externalData,
  };
}

@ApiTags('Loyalty points')
@Controller(API_PREFIX)
export class AccountController {
  constructor(
    private readonly getBalance: GetBalance,
    private readonly listTransactions: ListTransactions,
    private readonly getExpiringPoints: GetExpiringPoints,
    private readonly getMemberTiers: GetMemberTiers,
  ) {}

  @ApiMethod('loyalty/account/balance', {
    access: 'read',
    summary: "A member's balance in one currency, or in every currency",
    response: BalanceResponse,
  })
  balance(@Body() body: CurrencyMemberRequest): Promise<BalanceResponse> {
    return this.getBalance.execute({
      ...body,
      programId: body.loyalty_program_id,
      person: body,
    }) as Promise<BalanceResponse>;
  }

  @ApiMethod('loyalty/account/transactions', {
    access: 'read',
    summary: "A member's transactions in one currency, newest first",
    response: TransactionsResponse,
  })
  async transactions(@Body() body: TransactionsRequest): Promise<TransactionsResponse> {
    const page = await this.listTransactions.execute({
      ...body,
      programId: body.loyalty_program_id,
      person: body,
      ...pageOf(body),
    });
    return {
      items: page.items.map(({ transaction, promotion }) => toView(transaction, promotion)),
      next_from_id: page.nextFromId,
    };
  }

  @ApiMethod('loyalty/account/expiring_points', {
    access: 'read',
    summary: 'Points that expire in a window (both ends inclusive)',
    response: ExpiringPointsResponse,
  })
  expiring(@Body() body: ExpiringPointsRequest): Promise<ExpiringPointsResponse> {
    return this.getExpiringPoints.execute({
      ...body,
      programId: body.loyalty_program_id,
      person: body,
      dateFrom: body.date_from,
      dateTo: body.date_to,
    });
  }

  @ApiMethod('loyalty/account/tiers', {
    access: 'read',
    summary: 'The tiers a member reached in a group, current tier last',
    response: MemberTierView,
    responseIsList: true,
  })
  async tiers(@Body() body: MemberTiersRequest): Promise<MemberTierView[]> {
    return this.getMemberTiers.execute({
      programId: body.loyalty_program_id,
      person: body,
      tiersGroupId: body.tiers_group_id,
    });
  }
}
