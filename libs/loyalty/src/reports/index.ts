export * from './entities/report-ledger-delta.entity';
export * from './entities/report-ledger-bucket.entity';
export * from './entities/index';
export * from './domain/report-periods';
export * from './repositories/ledger-figures';
export * from './use-cases/summarize-ledger.use-case';
export * from './use-cases/fold-ledger-deltas.use-case';
export * from './reports.module';
