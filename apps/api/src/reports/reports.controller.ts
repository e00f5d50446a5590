import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { StartTransactionsExport } from '@loyalty/loyalty';
import { SummarizeProgram } from '@loyalty/orders';
import { API_PREFIX, ApiMethod } from '@loyalty/platform';
import { SummaryRequest, SummaryResponse, TaskCreatedResponse, TransactionsExportRequest } from './reports.dto';

@ApiTags('Reports and exports')
@Controller(API_PREFIX)
export class ReportsController {
  constructor(
    private readonly startExport: StartTransactionsExport,
    private readonly summarize: SummarizeProgram,
  ) {}

  @ApiMethod('loyalty/transactions_export', {
    access: 'read',
    summary: "Export a program's transactions of one currency as CSV (a task)",
    description:
      'Records a task and answers its id; follow it with tasks/get and fetch the CSV with tasks/download. ' +
      'Columns: the fields of a loyalty/account/transactions item plus profile_id; rows ordered by created_at, then id.',
    response: TaskCreatedResponse,
  })
  export(@Body() body: TransactionsExportRequest): Promise<TaskCreatedResponse> {
    return this.startExport.execute({
      programId: body.loyalty_program_id,
      points_currency_iid: body.points_currency_iid,
      points_currency_eid: body.points_currency_eid,
      dateFrom: body.date_from,
      dateTo: body.date_to,
      fromId: body.from_id,
    });
  }

  @ApiMethod('loyalty/reports/summary', {
    access: 'read',
    summary: 'Per period and currency: points figures, liability, members, tiers; per promotion: uses, points, orders',
    description: 'Figures are defined in docs/architecture.md, "Exports and reports".',
    response: SummaryResponse,
  })
  summary(@Body() body: SummaryRequest) {
    return this.summarize.execute({
      programId: body.loyalty_program_id,
      dateFrom: body.date_from,
      dateTo: body.date_to,
      groupBy: body.group_by,
    });
  }
}
