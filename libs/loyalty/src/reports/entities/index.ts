import { ReportLedgerBucket } from './report-ledger-bucket.entity';
import { ReportLedgerDelta } from './report-ledger-delta.entity';
import { ReportLedgerMonth } from './report-ledger-month.entity';
import { ReportActivityState } from './report-activity-state.entity';
import { ReportMemberDays } from './report-member-days.entity';

export const REPORT_ENTITIES = [
  ReportLedgerDelta,
  ReportLedgerBucket,
  ReportMemberDays,
  ReportActivityState,
  ReportLedgerMonth,
];
