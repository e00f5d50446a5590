import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { JobPayloads } from '@loyalty/contracts';
import { Clock } from '@loyalty/kernel';
import { noticeProgram, sendExpiryNotices } from '@loyalty/loyalty';
import { CLOCK } from '@loyalty/platform';
import { HandlesJob, JobHandler } from '../jobs/job-handler';

/** A program's expiry notices of one local day (at most once: the day's run is recorded). */
@Injectable()
@HandlesJob('loyalty.notices.send')
export class SendNoticesHandler implements JobHandler<'loyalty.notices.send'> {
  constructor(
    private readonly orm: MikroORM,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handle(payload: JobPayloads['loyalty.notices.send']): Promise<void> {
    const em = this.orm.em.fork();
    const program = await noticeProgram(em, payload.program_id);
    if (program) await sendExpiryNotices(em, program, payload.local_date, this.clock.now());
  }
}
