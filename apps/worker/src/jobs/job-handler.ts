import { SetMetadata } from '@nestjs/common';
import type { JobName, JobPayloads } from '@loyalty/contracts';

export const JOB_HANDLER_META = 'loyalty:job-handler';

/** A provider that runs one kind of job. Mark it with @HandlesJob(name). */
export interface JobHandler<K extends JobName> {
  handle(payload: JobPayloads[K], context: { jobId: string | undefined; attempt: number }): Promise<void>;
}

export function HandlesJob(name: JobName): ClassDecorator {
  return SetMetadata(JOB_HANDLER_META, name);
}
