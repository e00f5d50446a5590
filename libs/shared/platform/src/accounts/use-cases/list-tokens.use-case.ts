import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, Page, PageRequest } from '../../database/keyset-page';
import { ApiToken } from '../api-token.entity';

/** `admin/tokens/list`: the account's tokens without their secrets. */
@Injectable()
export class ListTokens {
  constructor(private readonly em: EntityManager) {}

  execute(page: PageRequest): Promise<Page<ApiToken>> {
    return findPage(this.em, ApiToken, {}, page);
  }
}
