import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { EVENT_TYPES } from '@loyalty/contracts';
import { Clock, DomainError } from '@loyalty/kernel';
import {
  AccountContext,
  APP_CONFIG,
  AppConfig,
  assertOutboundAddress,
  CLOCK,
  parseOutboundUrl,
  recordAudit,
} from '@loyalty/platform';
import { generateHookSecret } from '../domain/hook-signature';
import { ActionHook } from '../entities/action-hook.entity';

export interface CreateHookInput {
  url: string;
  events: string[];
  secret?: string | null;
}

/** Event types a hook may subscribe to (spec/api.md §9). */
export function checkEventTypes(events: string[]): string[] {
  if (events.length === 0) throw DomainError.invalid('events', 'must name at least one event type');
  events.forEach((type, index) => {
    if (!(EVENT_TYPES as readonly string[]).includes(type)) {
      throw DomainError.invalid(`events[${index}]`, `is not an event type (one of ${EVENT_TYPES.join(', ')})`);
    }
  });
  return [...new Set(events)];
}

/**
 * `hooks/create`: subscribes a URL to event types. The URL must be http(s) and, unless
 * ALLOW_PRIVATE_URLS is set, must not name or resolve to a private, loopback or link-local address
 * (checked again at every delivery). A secret is generated when none is given; it is answered
 * here and never again.
 */
@Injectable()
export class CreateHook {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(input: CreateHookInput): Promise<{ hookId: number; secret: string }> {
    const url = parseOutboundUrl(input.url, 'url');
    const events = checkEventTypes(input.events);
    await assertOutboundAddress(url, { allowPrivate: this.config.allowPrivateUrls, path: 'url' });
    const secret = input.secret ?? generateHookSecret();
    return this.em.transactional(async (em) => {
      const now = this.clock.now();
      const hook = em.create(ActionHook, {
        account: AccountContext.accountId(),
        url: url.toString(),
        events,
        secret,
        createdAt: now,
        deletedAt: null,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'action_hook',
        entityId: hook.id,
        action: 'create',
        after: { url: hook.url, events },
      });
      return { hookId: hook.id, secret };
    });
  }
}
