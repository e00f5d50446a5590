import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { Clock } from '@loyalty/kernel';
import { CLOCK, recordAudit } from '@loyalty/platform';
import { HookDelivery } from '../entities/hook-delivery.entity';
import { requireHook } from './require-hook';

/**
 * `hooks/delete`: the hook gets no new deliveries from the next relayed batch on, and its pending
 * deliveries are cancelled (an attempt already in flight finishes). The row stays, marked deleted.
 */
@Injectable()
export class DeleteHook {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(hookId: number): Promise<{ hookId: number; deletedAt: Date }> {
    return this.em.transactional(async (em) => {
      const hook = await requireHook(em, hookId);
      const now = this.clock.now();
      hook.deletedAt = now;
      await em.nativeUpdate(HookDelivery, { hook: hook.id, status: 'pending' }, { status: 'canceled' });
      recordAudit(em, this.clock, {
        entityType: 'action_hook',
        entityId: hook.id,
        action: 'delete',
        before: { url: hook.url, events: hook.events },
      });
      return { hookId: hook.id, deletedAt: now };
    });
  }
}
