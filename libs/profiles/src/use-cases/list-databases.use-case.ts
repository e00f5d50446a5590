import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { ProfileDatabase } from '../entities/profile-database.entity';

/** `databases/list`: the account's databases, ascending by id. */
@Injectable()
export class ListDatabases {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<CountedPage<ProfileDatabase>> {
    const result = await findPage(this.em, ProfileDatabase, {}, page);
    return { ...result, totalCount: await this.em.count(ProfileDatabase, {}) };
  }
}
