import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ActionHook,
  CreateHook,
  DeleteHook,
  HookDelivery,
  ListHookDeliveries,
  ListHooks,
  TestHook,
} from '@loyalty/notifications';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { pageOf, PageRequest } from '../common/page.dto';
import { wireTime } from '../common/wire-format';
import {
  CreateHookRequest,
  CreateHookResponse,
  DeleteHookResponse,
  DeliveryView,
  HookIdRequest,
  HookView,
  ListDeliveriesRequest,
  ListDeliveriesResponse,
  ListHooksResponse,
  TestHookResponse,
} from './hooks.dto';

function hookView(hook: ActionHook): HookView {
  return { hook_id: hook.id, url: hook.url, events: hook.events, created_at: wireTime(hook.createdAt) };
}

function deliveryView(delivery: HookDelivery): DeliveryView {
  return {
    delivery_id: delivery.id,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    sequence: Number(delivery.sequence),
    status: delivery.status,
    attempts: delivery.attempts,
    last_response_code: delivery.lastResponseCode,
    last_error: delivery.lastError,
    next_attempt_at: delivery.status === 'pending' ? wireTime(delivery.nextAttemptAt) : null,
    last_attempt_at: wireTime(delivery.lastAttemptAt),
    delivered_at: wireTime(delivery.deliveredAt),
    created_at: wireTime(delivery.createdAt),
  };
}

/** Action hooks (spec/api.md §9): configuration, so every method is the admin's (§1). */
@ApiTags('Action hooks')
@Controller(API_PREFIX)
export class HooksController {
  constructor(
    private readonly createHook: CreateHook,
    private readonly listHooks: ListHooks,
    private readonly deleteHook: DeleteHook,
    private readonly testHook: TestHook,
    private readonly listDeliveries: ListHookDeliveries,
  ) {}

  @ApiMethod('hooks/create', {
    access: 'admin',
    summary: 'Subscribe a URL to events; answers the signing secret once',
    response: CreateHookResponse,
  })
  async create(@Body() body: CreateHookRequest): Promise<CreateHookResponse> {
    const created = await this.createHook.execute({ url: body.url, events: body.events, secret: body.secret });
    return { hook_id: created.hookId, secret: created.secret };
  }

  @ApiMethod('hooks/list', {
    access: 'admin',
    mutating: false,
    summary: "List the account's hooks (without secrets)",
    response: ListHooksResponse,
  })
  async list(@Body() body: PageRequest): Promise<ListHooksResponse> {
    const page = await this.listHooks.execute(pageOf(body));
    return { items: page.items.map(hookView), next_from_id: page.nextFromId, total_count: page.totalCount };
  }

  @ApiMethod('hooks/delete', {
    access: 'admin',
    summary: 'Delete a hook: no new deliveries, pending ones cancelled',
    response: DeleteHookResponse,
  })
  async delete(@Body() body: HookIdRequest): Promise<DeleteHookResponse> {
    const deleted = await this.deleteHook.execute(body.hook_id);
    return { hook_id: deleted.hookId, deleted_at: wireTime(deleted.deletedAt) };
  }

  @ApiMethod('hooks/test', {
    access: 'admin',
    summary: 'Send a hook.test event to the hook through the normal delivery path',
    response: TestHookResponse,
  })
  async test(@Body() body: HookIdRequest): Promise<TestHookResponse> {
    const sent = await this.testHook.execute(body.hook_id);
    return { delivery_id: sent.deliveryId, event_id: sent.eventId };
  }

  @ApiMethod('hooks/deliveries', {
    access: 'admin',
    mutating: false,
    summary: "A hook's deliveries: status, attempts, last response, next attempt; dead letters included",
    response: ListDeliveriesResponse,
  })
  async deliveries(@Body() body: ListDeliveriesRequest): Promise<ListDeliveriesResponse> {
    const page = await this.listDeliveries.execute(body.hook_id, pageOf(body));
    return { items: page.items.map(deliveryView), next_from_id: page.nextFromId, total_count: page.totalCount };
  }
}
