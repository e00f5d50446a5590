import type { Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Clock, DomainError } from '@loyalty/kernel';
import { AccountContext } from '../tenancy/account-context';
import { TaskProgress } from './task-progress';

/** How often a running task says it is alive; sweeps queue again a task silent much longer. */
const HEARTBEAT_MS = 15_000;

export interface ClaimedTask {
  accountId: number;
  input: Record<string, unknown>;
}

export interface TaskRun {
  taskId: number;
  /** Names the task in log lines (`feed task 12`). */
  label: string;
  /** The failure message stored for an unexpected error (its stack goes to the log only). */
  unexpectedFailure: string;
}

/**
 * The frame every worker task runs in: claims the queued task (a duplicate job finds it taken and
 * is skipped), beats its heart while `work` runs as the task's account, then stores the result,
 * or the failure (a DomainError as it is; anything else as `INTERNAL` with `unexpectedFailure`).
 */
export async function runClaimedTask(
  em: EntityManager,
  clock: Clock,
  logger: Logger,
  run: TaskRun,
  work: (task: ClaimedTask) => Promise<Record<string, unknown>>,
): Promise<'done' | 'failed' | 'skipped'> {
  const claimed = await TaskProgress.claim(em, run.taskId, clock.now());
  if (!claimed) return 'skipped';
  const caller = { accountId: claimed.accountId, tokenId: null, role: 'admin' as const };
  const heartbeat = setInterval(() => {
    TaskProgress.heartbeat(em, run.taskId, clock.now()).catch((error: Error) =>
      logger.warn(`${run.label} ${run.taskId}: heartbeat not written: ${error.message}`),
    );
  }, HEARTBEAT_MS);
  try {
    const result = await AccountContext.run(caller, () => work(claimed));
    await TaskProgress.finish(em, run.taskId, clock.now(), { status: 'done', result });
    return 'done';
  } catch (error) {
    const known = error instanceof DomainError;
    if (!known) logger.error(`${run.label} ${run.taskId} failed: ${(error as Error).stack}`);
    const failure = known
      ? { error_code: error.code, message: error.message, details: error.details }
      : { error_code: 'INTERNAL', message: run.unexpectedFailure };
    await TaskProgress.finish(em, run.taskId, clock.now(), { status: 'failed', errors: [failure] });
    return 'failed';
  } finally {
    clearInterval(heartbeat);
  }
}
