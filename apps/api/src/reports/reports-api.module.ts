import { Module } from '@nestjs/common';
import { LoyaltyExportsModule } from '@loyalty/loyalty';
import { OrderReportsModule } from '@loyalty/orders';
import { DownloadTaskFile } from '@loyalty/platform';
import { TaskDownloadController } from '../tasks/task-download.controller';
import { ReportsController } from './reports.controller';

/** Reports, the transactions export and the download of a task's file. */
@Module({
  imports: [LoyaltyExportsModule, OrderReportsModule],
  controllers: [ReportsController, TaskDownloadController],
  providers: [DownloadTaskFile],
})
export class ReportsApiModule {}
