import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JOB_NAMES, JobName } from '@loyalty/contracts';
import { JOB_HANDLER_META, JobHandler } from './job-handler';

/** Finds the @HandlesJob providers and proves that every job in the catalog has exactly one. */
@Injectable()
export class JobRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(private readonly discovery: DiscoveryService) {}

  collect(): void {
    const found = new Map<JobName, JobHandler<JobName>[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype;
      if (!type || !wrapper.instance) continue;
      const name = Reflect.getMetadata(JOB_HANDLER_META, type) as JobName | undefined;
      if (name) found.set(name, [...(found.get(name) ?? []), wrapper.instance as JobHandler<JobName>]);
    }
    assertOneHandlerEach(found);
    for (const [name, [handler]] of found) this.handlers.set(name, handler);
  }

  handler(name: string): JobHandler<JobName> | undefined {
    return this.handlers.get(name as JobName);
  }
}

/** The worker refuses to start when a job has no handler, two handlers, or is not in the catalog. */
export function assertOneHandlerEach(found: Map<string, unknown[]>): void {
  const problems: string[] = [];
  for (const name of JOB_NAMES) {
    const count = found.get(name)?.length ?? 0;
    if (count !== 1) problems.push(`${name} has ${count} handlers`);
  }
  for (const name of found.keys()) {
    if (!(JOB_NAMES as string[]).includes(name)) problems.push(`${name} is handled but not in the job catalog`);
  }
  if (problems.length > 0) throw new Error(`Job handlers do not match the catalog: ${problems.join('; ')}`);
}
