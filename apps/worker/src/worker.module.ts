import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { LoyaltyExportsModule, LoyaltyReportsModule, PromoCodesModule, TierReviewsModule } from '@loyalty/loyalty';
import { NotificationsModule } from '@loyalty/notifications';
import { MarketCatalogModule } from '@loyalty/market-catalog';
import { PlatformModule, PlatformOptions } from '@loyalty/platform';
import { ScenarioNodeModule } from '@loyalty/scenario-node';
import { DueLedgerSweep } from './due/due-ledger.sweep';
import { ExpiryNoticesSweep } from './due/expiry-notices.sweep';
import { SendNoticesHandler } from './due/send-notices.handler';
import { SettleDueHandler } from './due/settle-due.handler';
import { HookDeliveriesSweep } from './hooks/hook-deliveries.sweep';
import { HookDeliveryHandler } from './hooks/hook-delivery.handler';
import { HookDeliverySink } from './hooks/hook-delivery.sink';
import { ReportFoldSweep } from './exports/report-fold.sweep';
import { TransactionsExportHandler } from './exports/transactions-export.handler';
import { TransactionsExportSweep } from './exports/transactions-export.sweep';
import { FeedImportHandler } from './imports/feed-import.handler';
import { FeedImportsSweep } from './imports/feed-imports.sweep';
import { FeedTickHandler } from './imports/feed-tick.handler';
import { JobRegistry } from './jobs/job-registry';
import { JobRunner } from './jobs/job-runner';
import { QueueDepthMetrics } from './jobs/queue-depth.metrics';
import { LedgerInvariantCheck } from './ledger/ledger-invariant-check';
import { LedgerInvariantGauges } from './ledger/ledger-invariant.gauges';
import { PurgeIdempotencyHandler } from './maintenance/purge-idempotency.handler';
import { ScheduleMaintenanceTask } from './maintenance/schedule-maintenance.task';
import { CompositeOutboxSink, OutboxSink } from './outbox/outbox-sink';
import { OutboxRelay } from './outbox/outbox-relay';
import { PromoCodeGenerationHandler } from './promo-codes/promo-code-generation.handler';
import { PromoCodeGenerationSweep } from './promo-codes/promo-code-generation.sweep';
import { RunStepHandler } from './scenarios/run-step.handler';
import { ScenarioRunsSweep } from './scenarios/scenario-runs.sweep';
import { ScenarioTriggerSink } from './scenarios/scenario-trigger.sink';
import { SWEEP_TASKS } from './sweep/sweep-task';
import { Sweeper } from './sweep/sweeper';
import { TierReviewHandler } from './tiers/tier-review.handler';
import { TierReviewScheduler } from './tiers/tier-review-scheduler';
import { TierReviewsSweep } from './tiers/tier-reviews.sweep';

const jobHandlers = [
  PurgeIdempotencyHandler,
  FeedImportHandler,
  FeedTickHandler,
  PromoCodeGenerationHandler,
  SettleDueHandler,
  SendNoticesHandler,
  HookDeliveryHandler,
  TierReviewHandler,
  TransactionsExportHandler,
  RunStepHandler,
];
const sweepTasks = [
  ScheduleMaintenanceTask,
  FeedImportsSweep,
  PromoCodeGenerationSweep,
  DueLedgerSweep,
  ExpiryNoticesSweep,
  HookDeliveriesSweep,
  TierReviewsSweep,
  TransactionsExportSweep,
  ReportFoldSweep,
  ScenarioRunsSweep,
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
        NotificationsModule,
        TierReviewsModule,
        LoyaltyExportsModule,
        LoyaltyReportsModule,
        ScenarioNodeModule,
      ],
      providers: [
        JobRegistry,
        JobRunner,
        QueueDepthMetrics,
        LedgerInvariantGauges,
        LedgerInvariantCheck,
        ...jobHandlers,
        ...sweepTasks,
        { provide: SWEEP_TASKS, useFactory: (...tasks: unknown[]) => tasks, inject: sweepTasks },
        Sweeper,
        TierReviewScheduler,
        HookDeliverySink,
        ScenarioTriggerSink,
        {
          provide: OutboxSink,
          useFactory: (hooks: HookDeliverySink, scenarios: ScenarioTriggerSink) =>
            new CompositeOutboxSink([hooks, scenarios]),
          inject: [HookDeliverySink, ScenarioTriggerSink],
        },
        OutboxRelay,
      ],
    };
  }
}
