import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { HookDelivery } from '../entities/hook-delivery.entity';
import { requireHook } from './require-hook';

/** `hooks/deliveries`: one hook's deliveries ascending by id, dead letters included. */
@Injectable()
export class ListHookDeliveries {
  constructor(private readonly em: EntityManager) {}

  async execute(hookId: number, page: PageRequest): Promise<CountedPage<HookDelivery>> {
    const hook = await requireHook(this.em, hookId);
    const found = await findPage(this.em, HookDelivery, { hook: hook.id }, page);
    return { ...found, totalCount: await this.em.count(HookDelivery, { hook: hook.id }) };
  }
}
