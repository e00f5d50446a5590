import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AccruePoints,
  AdjustPoints,
  CancelTransaction,
  CommitTransaction,
  ImportLedger,
  RedeemPoints,
  RollbackTransaction,
} from '@loyalty/loyalty';
import {
  API_PREFIX,
  ApiMethod,
  BoolField,
  DateTimeField,
  DecimalField,
  EnumField,
  ExternalIdField,
  IdField,
  IdOrExternalIdField,
  IntField,
  NestedArrayField,
  ObjectField,
  Out,
  requestFingerprint,
  TextField,
} from '@loyalty/platform';
import { MATCHING_KINDS, MatchingKind } from '@loyalty/profiles';
import { PersonFields } from '../common/matching.dto';
import { BalanceView, CurrencyMemberRequest, PointsOperationResponse } from './loyalty.dto';

export class PointsOperationRequest extends CurrencyMemberRequest {
  @IdOrExternalIdField({ example: 'app_install' })
  promotion_id!: number | string;

  @DecimalField({
    optional: true,
    nullable: true,
    description: "Points; the rule's static_amount when absent",
    example: '100.00',
  })
  amount?: string | null;

  @BoolField({ optional: true, nullable: true, example: false })
  is_temp?: boolean | null;

  @IntField({ optional: true, nullable: true, min: 1, max: 604_800, description: 'Default 600', example: 600 })
  temp_timeout_sec?: number | null;

  @DateTimeField({ optional: true, nullable: true, description: 'Back-dates the transaction', example: null })
  created_at?: string | null;

  @ExternalIdField({
    optional: true,
    nullable: true,
    description: 'Makes the call idempotent',
    example: 'order-1042-bonus',
  })
  transaction_eid?: string | null;

  @ObjectField({ optional: true, nullable: true, example: { reason: 'app installed' } })
  external_data?: Record<string, unknown> | null;
}

export class AccruePointsRequest extends PointsOperationRequest {
  @DateTimeField({ optional: true, nullable: true, example: null })
  activation_date?: string | null;

  @DateTimeField({ optional: true, nullable: true, example: null })
  expiration_date?: string | null;
}

export class AdjustPointsRequest extends CurrencyMemberRequest {
  @DecimalField({ signed: true, description: 'Signed points', example: '-50.00' })
  amount!: string;

  @TextField({ maxLength: 1000, example: 'Goodwill for a late delivery' })
  reason!: string;

  @ExternalIdField({ optional: true, nullable: true, example: null })
  transaction_eid?: string | null;
}

export class TransactionRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @IdField({ optional: true, nullable: true, example: 1042 })
  transaction_id?: number | null;

  @ExternalIdField({ optional: true, nullable: true, example: null })
  transaction_eid?: string | null;
}

export class TransactionStateResponse {
  @Out({ type: 'integer', example: 1042 })
  transaction_id!: number;

  @Out({ type: BalanceView })
  balance!: BalanceView;
}

export class LedgerImportItemDto extends PersonFields {
  @TextField({ example: 'bonus' })
  points_currency_eid!: string;

  @DecimalField({ example: '120.00' })
  amount!: string;

  @DateTimeField({ example: '2025-06-01T10:00:00Z' })
  created_at!: string;

  @DateTimeField({ optional: true, nullable: true, example: null })
  activation_date?: string | null;

  @DateTimeField({ optional: true, nullable: true, example: '2026-06-01' })
  expiration_date?: string | null;

  @ExternalIdField({ optional: true, nullable: true, example: 'legacy-lot-77' })
  transaction_eid?: string | null;
}

export class LedgerImportRequest {
  @IdField({ example: 1 })
  loyalty_program_id!: number;

  @EnumField(MATCHING_KINDS, { example: 'email' })
  matching!: MatchingKind;

  @NestedArrayField(() => LedgerImportItemDto, { minItems: 1, maxItems: 1000 })
  data!: LedgerImportItemDto[];
}

export class LedgerImportResponse {
  @Out({ type: 'integer', example: 1 })
  imported!: number;

  @Out({ type: 'integer', description: 'Items whose transaction_eid was already imported', example: 0 })
  replayed!: number;

  @Out({ type: [Number], example: [1043] })
  transaction_ids!: number[];
}

@ApiTags('Loyalty points')
@Controller(API_PREFIX)
export class PointsController {
  constructor(
    private readonly accruePoints: AccruePoints,
    private readonly redeemPoints: RedeemPoints,
    private readonly adjustPoints: AdjustPoints,
    private readonly importLedger: ImportLedger,
    private readonly commitTransaction: CommitTransaction,
    private readonly rollbackTransaction: RollbackTransaction,
    private readonly cancelTransaction: CancelTransaction,
  ) {}

  @ApiMethod('loyalty/accrue_points', {
    access: 'integration',
    summary: "Accrue points through a trigger promotion's accrual rule",
    response: PointsOperationResponse,
  })
  accrue(@Body() body: AccruePointsRequest): Promise<PointsOperationResponse> {
    return this.accruePoints.execute({
      ...this.operation(body, 'loyalty/accrue_points'),
      activationDate: body.activation_date,
      expirationDate: body.expiration_date,
    });
  }

  @ApiMethod('loyalty/redeem_points', {
    access: 'integration',
    summary: "Redeem points through a trigger promotion's redeem rule (never below zero)",
    response: PointsOperationResponse,
  })
  redeem(@Body() body: PointsOperationRequest): Promise<PointsOperationResponse> {
    return this.redeemPoints.execute(this.operation(body, 'loyalty/redeem_points'));
  }

  @ApiMethod('loyalty/redeeme_points', {
    access: 'integration',
    summary: 'Alias of loyalty/redeem_points (the spelling Altcraft publishes)',
    response: PointsOperationResponse,
  })
  redeemAlias(@Body() body: PointsOperationRequest): Promise<PointsOperationResponse> {
    return this.redeemPoints.execute(this.operation(body, 'loyalty/redeem_points'));
  }

  @ApiMethod('loyalty/adjust_points', {
    access: 'admin',
    summary: 'A manual, audited correction of a balance',
    response: PointsOperationResponse,
  })
  adjust(@Body() body: AdjustPointsRequest): Promise<PointsOperationResponse> {
    return this.adjustPoints.execute({
      programId: body.loyalty_program_id,
      person: body,
      points_currency_iid: body.points_currency_iid,
      points_currency_eid: body.points_currency_eid,
      amount: body.amount,
      reason: body.reason,
      transactionEid: body.transaction_eid,
      fingerprint: requestFingerprint({ method: 'loyalty/adjust_points', body }),
    });
  }

  @ApiMethod('loyalty/ledger/import', {
    access: 'admin',
    summary: 'Bring balances from another platform with their original dates (≤ 1,000 lots a call)',
    response: LedgerImportResponse,
  })
  async import(@Body() body: LedgerImportRequest): Promise<LedgerImportResponse> {
    const result = await this.importLedger.execute({
      programId: body.loyalty_program_id,
      matching: body.matching,
      items: body.data,
    });
    return { imported: result.imported, replayed: result.replayed, transaction_ids: result.transactionIds };
  }

  @ApiMethod('loyalty/commit_transaction', {
    access: 'integration',
    summary: 'Make a temporary transaction permanent',
    response: TransactionStateResponse,
  })
  commit(@Body() body: TransactionRequest): Promise<TransactionStateResponse> {
    return this.commitTransaction.execute(reference(body));
  }

  @ApiMethod('loyalty/rollback_transaction', {
    access: 'integration',
    summary: 'Undo a temporary transaction',
    response: TransactionStateResponse,
  })
  rollback(@Body() body: TransactionRequest): Promise<TransactionStateResponse> {
    return this.rollbackTransaction.execute(reference(body));
  }

  @ApiMethod('loyalty/cancel_transaction', {
    access: 'integration',
    summary: 'Cancel a transaction: release a temporary one, reverse a posted one',
    response: TransactionStateResponse,
  })
  cancel(@Body() body: TransactionRequest): Promise<TransactionStateResponse> {
    return this.cancelTransaction.execute(reference(body));
  }

  private operation(body: PointsOperationRequest, method: string) {
    return {
      programId: body.loyalty_program_id,
      person: body,
      promotion: body.promotion_id,
      points_currency_iid: body.points_currency_iid,
      points_currency_eid: body.points_currency_eid,
      amount: body.amount,
      isTemp: body.is_temp,
      tempTimeoutSec: body.temp_timeout_sec,
      createdAt: body.created_at,
      transactionEid: body.transaction_eid,
      externalData: body.external_data,
      fingerprint: requestFingerprint({ method, body }),
    };
  }
}

function reference(body: TransactionRequest) {
  return {
    programId: body.loyalty_program_id,
    transactionId: body.transaction_id,
    transactionEid: body.transaction_eid,
  };
}
