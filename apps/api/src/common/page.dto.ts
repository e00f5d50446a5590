import { CountedPage, IdField, IntField, Out } from '@loyalty/platform';

/** Keyset pagination input (spec/api.md §1). */
export class PageRequest {
  @IdField({ optional: true, nullable: true, description: 'Return items after this id', example: 120 })
  from_id?: number | null;

  @IntField({ optional: true, nullable: true, min: 1, max: 100, description: '1..100, default 20', example: 20 })
  limit?: number | null;
}

export class PageInfo {
  @Out({
    type: 'integer',
    nullable: true,
    description: 'Pass as from_id for the next page; null at the end',
    example: null,
  })
  next_from_id!: number | null;
}

/** A use case's counted page in the wire's field names. */
export function pageAnswer<T>(page: CountedPage<T>) {
  return { items: page.items, next_from_id: page.nextFromId, total_count: page.totalCount };
}

/** The keyset page a request asks for, in the use cases' names. */
export function pageOf(body: PageRequest): { fromId: number | null | undefined; limit: number | null | undefined } {
  return { fromId: body.from_id, limit: body.limit };
}
