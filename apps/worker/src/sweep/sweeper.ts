import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { Clock } from '@loyalty/kernel';
import { APP_CONFIG, AppConfig, CLOCK, LOGGER } from '@loyalty/platform';
import { SWEEP_TASKS, SweepTask } from './sweep-task';

/** Runs every sweep task at start and then every SWEEP_INTERVAL_MS; one failing task does not stop the others. */
@Injectable()
export class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SWEEP_TASKS) private readonly tasks: SweepTask[],
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.config.sweepIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private trigger(): void {
    this.running = this.running.then(() => this.sweep());
  }

  /** One pass over every task. */
  async sweep(): Promise<void> {
    const now = this.clock.now();
    for (const task of this.tasks) {
      try {
        await task.run(now);
      } catch (error) {
        this.logger.error({ err: error, task: task.name }, 'sweep task failed');
      }
    }
  }
}
