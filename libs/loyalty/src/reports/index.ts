export * from './entities/report-ledger-delta.entity';
export * from './entities/report-ledger-bucket.entity';
export * from './entities/index';
