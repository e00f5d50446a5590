import { Module } from '@nestjs/common';
import { LoyaltyReportsModule } from '@loyalty/loyalty';
import { SummarizeProgram } from './summarize-program.use-case';

/** The program summary with its order side (`loyalty/reports/summary`). */
@Module({ imports: [LoyaltyReportsModule], providers: [SummarizeProgram], exports: [SummarizeProgram] })
export class OrderReportsModule {}
