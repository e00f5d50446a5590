import { EVENT_TYPES } from '@loyalty/contracts';
import { IdField, Out, StringArrayField, TextField } from '@loyalty/platform';
import { PageInfo, PageRequest } from '../common/page.dto';

const DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead', 'canceled'] as const;

export class CreateHookRequest {
  @TextField({
    maxLength: 2048,
    description: 'http(s) URL the events are POSTed to',
    example: 'https://shop.example/hooks/loyalty',
  })
  url!: string;

  @StringArrayField({
    maxItems: EVENT_TYPES.length,
    maxLength: 64,
    description: `Event types to receive: ${EVENT_TYPES.join(', ')}`,
    example: ['points.accrued', 'points.redeemed'],
  })
  events!: string[];

  @TextField({
    optional: true,
    nullable: true,
    minLength: 16,
    maxLength: 255,
    description: 'The HMAC key of X-Signature; generated when absent',
    example: 'my-shared-secret-0123456789',
  })
  secret?: string | null;
}

export class CreateHookResponse {
  @Out({ type: 'integer', example: 1 })
  hook_id!: number;

  @Out({
    description: 'The signing secret, answered only here',
    example: 'whsec_3q2-7wE0Gg8bq1tYy0y1m0l7kYQ9lFfN3c3vU1s7q4E',
  })
  secret!: string;
}

export class HookIdRequest {
  @IdField({ example: 1 })
  hook_id!: number;
}

export class HookView {
  @Out({ type: 'integer', example: 1 })
  hook_id!: number;

  @Out({ example: 'https://shop.example/hooks/loyalty' })
  url!: string;

  @Out({ type: [String], example: ['points.accrued', 'points.redeemed'] })
  events!: string[];

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;
}

export class ListHooksResponse extends PageInfo {
  @Out({ type: [HookView] })
  items!: HookView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}

export class DeleteHookResponse {
  @Out({ type: 'integer', example: 1 })
  hook_id!: number;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  deleted_at!: string;
}

export class TestHookResponse {
  @Out({ type: 'integer', example: 12 })
  delivery_id!: number;

  @Out({ format: 'uuid', example: '0b8f6c1e-2a4d-4c6b-9f1e-7a3d5c2b1e90' })
  event_id!: string;
}

export class ListDeliveriesRequest extends PageRequest {
  @IdField({ example: 1 })
  hook_id!: number;
}

export class DeliveryView {
  @Out({ type: 'integer', example: 12 })
  delivery_id!: number;

  @Out({ format: 'uuid', example: '0b8f6c1e-2a4d-4c6b-9f1e-7a3d5c2b1e90' })
  event_id!: string;

  @Out({ example: 'points.accrued' })
  event_type!: string;

  @Out({ type: 'integer', description: 'Increases per member (per account for events about no member)', example: 3 })
  sequence!: number;

  @Out({
    enum: DELIVERY_STATUSES,
    description: 'dead: retried for 24 h without success (the dead letter); canceled: the hook was deleted',
    example: 'delivered',
  })
  status!: string;

  @Out({ type: 'integer', example: 1 })
  attempts!: number;

  @Out({
    type: 'integer',
    nullable: true,
    description: 'HTTP status of the last attempt; null when none answered',
    example: 200,
  })
  last_response_code!: number | null;

  @Out({ nullable: true, example: null })
  last_error!: string | null;

  @Out({
    format: 'date-time',
    nullable: true,
    description: 'When the next attempt is due (pending only)',
    example: null,
  })
  next_attempt_at!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-03-30T21:59:59.999Z' })
  last_attempt_at!: string | null;

  @Out({ format: 'date-time', nullable: true, example: '2026-03-30T21:59:59.999Z' })
  delivered_at!: string | null;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;
}

export class ListDeliveriesResponse extends PageInfo {
  @Out({ type: [DeliveryView] })
  items!: DeliveryView[];

  @Out({ type: 'integer', example: 1 })
  total_count!: number;
}
