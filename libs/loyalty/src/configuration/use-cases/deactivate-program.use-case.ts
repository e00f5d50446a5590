import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { setProgramActive } from './program-activity';

/** `loyalty/programs/deactivate`: a no-op when already inactive. */
@Injectable()
export class DeactivateProgram {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number): Promise<{ programId: number; isActive: boolean }> {
    return setProgramActive(this.em, this.clock, programId, false);
  }
}
