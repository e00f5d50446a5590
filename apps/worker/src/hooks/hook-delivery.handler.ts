import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@loyalty/contracts';
import { SendHookDelivery } from '@loyalty/notifications';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** Wakes one delivery for one attempt; the delivery row decides whether there is anything to send. */
@Injectable()
@HandlesJob('hooks.delivery.send')
export class HookDeliveryHandler implements JobHandler<'hooks.delivery.send'> {
  constructor(private readonly send: SendHookDelivery) {}

  async handle(payload: JobPayloads['hooks.delivery.send']): Promise<void> {
    await this.send.execute(payload.delivery_id);
  }
}
