import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { ActionHook } from '../entities/action-hook.entity';

/** `hooks/list`: the account's live hooks, ascending by id, without their secrets. */
@Injectable()
export class ListHooks {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<ActionHook>> {
    const found = await findPage(this.em, ActionHook, { deletedAt: null }, page);
    return { ...found, totalCount: await this.em.count(ActionHook, { deletedAt: null }) };
  }
}
