import type { EntityManager } from '@mikro-orm/postgresql';
import { FeedSchedule } from '../entities/feed-schedule.entity';

/** Every account's feed schedules (the sweep re-creates their job schedulers from these rows). */
export function allFeedSchedules(em: EntityManager): Promise<FeedSchedule[]> {
  return em.find(FeedSchedule, {}, { filters: false, orderBy: { id: 'asc' } });
}
