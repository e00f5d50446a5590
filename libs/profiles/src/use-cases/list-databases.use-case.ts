import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, Page, PageRequest } from '@loyalty/platform';
import { ProfileDatabase } from '../entities/profile-database.entity';

/** `databases/list`: the account's databases, ascending by id. */
@Injectable()
export class ListDatabases {
  constructor(private readonly em: EntityManager) {}

  async execute(page: PageRequest): Promise<Page<ProfileDatabase> & { totalCount: number }> {
    const result = await findPage(this.em, ProfileDatabase, {}, page);
    return { ...result, totalCount: await this.em.count(ProfileDatabase, {}) };
  }
}
