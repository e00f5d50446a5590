import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoyaltyExportsModule, LoyaltyReportsModule, PromoCodesModule } from '@loyalty/loyalty';
import { MarketCatalogModule } from '@loyalty/market-catalog';
import { PlatformModule, PlatformOptions } from '@loyalty/platform';
import { ReportFoldSweep } from './exports/report-fold.sweep';
import { TransactionsExportHandler } from './exports/transactions-export.handler';
import { TransactionsExportSweep } from './exports/transactions-export.sweep';
import { FeedImportHandler } from './imports/feed-import.handler';
import { FeedImportsSweep } from './imports/feed-imports.sweep';
import { FeedTickHandler } from './imports/feed-tick.handler';
import { JobRegistry } from './jobs/job-registry';
import { JobRunner } from './jobs/job-runner';
import { QueueDepthMetrics } from './jobs/queue-depth.metrics';
import { PurgeIdempotencyHandler } from './maintenance/purge-idempotency.handler';
import { ScheduleMaintenanceTask } from './maintenance/schedule-maintenance.task';
import { NoopOutboxSink, OutboxSink } from './outbox/outbox-sink';
import { OutboxRelay } from './outbox/outbox-relay';
import { PromoCodeGenerationHandler } from './promo-codes/promo-code-generation.handler';
import { PromoCodeGenerationSweep } from './promo-codes/promo-code-generation.sweep';
import { SWEEP_TASKS } from './sweep/sweep-task';
import { Sweeper } from './sweep/sweeper';

const jobHandlers = [
  PurgeIdempotencyHandler,
  FeedImportHandler,
  FeedTickHandler,
  PromoCodeGenerationHandler,
  TransactionsExportHandler,
];
const sweepTasks = [
  ScheduleMaintenanceTask,
  FeedImportsSweep,
  PromoCodeGenerationSweep,
  TransactionsExportSweep,
  ReportFoldSweep,
];

/** The worker: job handlers on BullMQ, the outbox relay and the sweep. Its HTTP port serves health and metrics only. */
@Module({})
export class WorkerModule {
  static forRoot(platform: PlatformOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(platform),
        DiscoveryModule,
        MarketCatalogModule,
        PromoCodesModule,
        LoyaltyExportsModule,
        LoyaltyReportsModule,
      ],
      providers: [
        JobRegistry,
        JobRunner,
        QueueDepthMetrics,
        ...jobHandlers,
        ...sweepTasks,
        { provide: SWEEP_TASKS, useFactory: (...tasks: unknown[]) => tasks, inject: sweepTasks },
        Sweeper,
        { provide: OutboxSink, useClass: NoopOutboxSink },
        OutboxRelay,
      ],
    };
  }
}
