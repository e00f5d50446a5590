import { ORDER_STATUSES, OrderStatus, UpdateOrderLineStatusInput } from '@loyalty/orders';
import { EnumField, ExternalIdField, IntField, TextField } from '@loyalty/platform';
import { PageRequest } from '../common/page.dto';

export class OrderReferenceRequest {
  @ExternalIdField({ example: 'order_12345' })
  external_id!: string;
}

export class ListOrdersRequest extends PageRequest {
  @EnumField(ORDER_STATUSES, { optional: true, nullable: true, example: 'paid' })
  status?: OrderStatus | null;

  @TextField({ optional: true, nullable: true, maxLength: 64, example: '6f1c2a9e8b7d4c3a2b1e0f9a' })
  profile_id?: string | null;
}

export class UpdateOrderLineStatusRequest implements UpdateOrderLineStatusInput {
  @ExternalIdField({ example: 'order_12345' })
  order_external_id!: string;

  @ExternalIdField({ example: 'line_1' })
  order_line_external_id!: string;

  @ExternalIdField({ description: 'A built-in line status or a declared custom one', example: 'refunded' })
  status_external_id!: string;

  @IntField({
    optional: true,
    nullable: true,
    min: 1,
    max: 10_000,
    description:
      'For statuses that cancel or refund: the additional units returned by this call (default: every unit not yet returned)',
    example: 1,
  })
  count?: number | null;
}
