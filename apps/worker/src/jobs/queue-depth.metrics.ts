import { Injectable, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { QUEUE_NAMES } from '@loyalty/contracts';
import { JobQueues, Metrics } from '@loyalty/platform';

/** `queue_jobs{queue,state}`: waiting, delayed, active and failed jobs per queue, read at scrape time. */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly queues: JobQueues,
  ) {}

  onModuleInit(): void {
    const queues = this.queues;
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        for (const name of QUEUE_NAMES) {
          const counts = await queues.queue(name).getJobCounts('waiting', 'delayed', 'active', 'failed');
          for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
        }
      },
    });
  }
}
