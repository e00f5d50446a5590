import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { ActionHook } from '../entities/action-hook.entity';

/** The caller's live hook, or 404: another account's hook and a deleted one answer like a missing one. */
export async function requireHook(em: EntityManager, hookId: number): Promise<ActionHook> {
  const hook = await em.findOne(ActionHook, { id: hookId, deletedAt: null });
  if (!hook) throw DomainError.notFound('Hook');
  return hook;
}
