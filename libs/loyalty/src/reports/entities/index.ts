import { ReportLedgerBucket } from './report-ledger-bucket.entity';
import { ReportLedgerDelta } from './report-ledger-delta.entity';

export const REPORT_ENTITIES = [ReportLedgerDelta, ReportLedgerBucket];
