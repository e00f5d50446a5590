export * from './domain/csv';
export * from './domain/transactions-csv';
export * from './use-cases/start-transactions-export.use-case';
export * from './use-cases/run-transactions-export.use-case';
export * from './exports.module';
