import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery, FindOptions } from '@mikro-orm/core';

export interface PageRequest {
  fromId?: number | null;
  limit?: number | null;
}

export interface Page<T> {
  items: T[];
  nextFromId: number | null;
}

/** A page with the number of all matching items, as `list` methods answer (spec §1). */
export type CountedPage<T> = Page<T> & { totalCount: number };

export const DEFAULT_PAGE_LIMIT = 20;

/** Keyset pagination ascending by id: the items after `fromId`, and the id to continue from (null at the end). */
export async function findPage<T extends { id: number }>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: FilterQuery<T>,
  page: PageRequest,
  options: FindOptions<T> = {},
): Promise<Page<T>> {
  const limit = page.limit ?? DEFAULT_PAGE_LIMIT;
  const after = page.fromId == null ? where : ({ $and: [where, { id: { $gt: page.fromId } }] } as FilterQuery<T>);
  const rows = (await em.find(entity, after, { ...options, orderBy: { id: 'asc' }, limit: limit + 1 } as never)) as T[];
  const items = rows.slice(0, limit);
  return { items, nextFromId: rows.length > limit ? items[items.length - 1].id : null };
}
