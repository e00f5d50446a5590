import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext, CLOCK, LOGGER } from '@loyalty/platform';
import type { MatchingInput } from '@loyalty/profiles';
import { eventNameProblems } from '../scenarios/scenario-input';
import { RunScheduler } from './run-scheduler';
import { StartedRun, storeEventAndStartRuns } from './start-runs';

export interface FireScenarioEventInput {
  eventName: string;
  eventId: string;
  /** The person, already checked with `parseMatching`; null when the event names no one. */
  person: MatchingInput | null;
  payload: Record<string, unknown>;
  /** Fingerprint of the body: the same `event_id` with another body is error 6. */
  fingerprint: string;
}

/**
 * `scenarios/events/fire`: starts a run of every active scenario listening to the event, once per
 * `event_id` (a replay answers the same runs). No profile needs to exist: the runs carry the
 * identifiers. The first steps are queued after the commit; the sweep queues any that were not.
 */
@Injectable()
export class FireScenarioEvent {
  constructor(
    private readonly em: EntityManager,
    private readonly scheduler: RunScheduler,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(input: FireScenarioEventInput): Promise<{ runs: StartedRun[] }> {
    const [badName] = eventNameProblems(input.eventName, 'event_name');
    if (badName) throw DomainError.invalid(badName.path, badName.message);
    const now = this.clock.now();
    const stored = await this.em.transactional((em) =>
      storeEventAndStartRuns(
        em,
        {
          accountId: AccountContext.accountId(),
          eventId: input.eventId,
          eventName: input.eventName,
          source: 'api',
          person: input.person,
          profileId: null,
          payload: input.payload,
          fingerprint: input.fingerprint,
          occurredAt: now,
        },
        now,
      ),
    );
    if (!stored.stored) {
      if (stored.fingerprint !== input.fingerprint) {
        throw new DomainError('IDEMPOTENCY_MISMATCH', `event_id ${input.eventId} was fired with a different body`, {
          fields: [{ path: 'event_id', message: 'already fired with a different body' }],
        });
      }
      return { runs: stored.runs };
    }
    await this.scheduler.wake(
      stored.runs.map((run) => ({ runId: run.runId, step: 1 })),
      this.logger,
    );
    return { runs: stored.runs };
  }
}
