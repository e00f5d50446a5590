/**
 * Work the sweep repeats on an in-process timer, independent of Redis: re-creating job schedulers
 * and enqueueing due items that the queue lost. Tasks must be idempotent.
 */
export abstract class SweepTask {
  abstract readonly name: string;
  abstract run(now: Date): Promise<void>;
}

export const SWEEP_TASKS = Symbol('SWEEP_TASKS');
