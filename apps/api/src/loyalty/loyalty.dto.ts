import { IdField, Out, TextField } from '@loyalty/platform';
import { MatchingFields } from '../common/matching.dto';

/** A loyalty method about one person: the program and the person's matching fields. */
export class MemberRequest extends MatchingFields {
  @IdField({ example: 1 })
  loyalty_program_id!: number;
}

/** A method that names a points currency by id or external id. */
export class CurrencyMemberRequest extends MemberRequest {
  @IdField({ optional: true, nullable: true, example: null })
  points_currency_iid?: number | null;

  @TextField({ optional: true, nullable: true, example: 'bonus' })
  points_currency_eid?: string | null;
}

export class BalanceView {
  @Out({ example: '299.50' })
  active_balance!: string;

  @Out({ example: '399.50' })
  total_balance!: string;
}

export class PointsOperationResponse {
  @Out({ type: 'integer', example: 1042 })
  transaction_id!: number;

  @Out({ example: 'order-1042-bonus' })
  transaction_eid!: string;

  @Out({ example: '100.00' })
  amount!: string;

  @Out({ type: BalanceView })
  balance!: BalanceView;
}
