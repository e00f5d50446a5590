import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '@loyalty/kernel';
import { CLOCK } from '@loyalty/platform';
import { setProgramActive } from './program-activity';

/** `loyalty/programs/activate`: error 5 when another program is active on the database; a no-op when already active. */
@Injectable()
export class ActivateProgram {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(programId: number): Promise<{ programId: number; isActive: boolean }> {
    return setProgramActive(this.em, this.clock, programId, true);
  }
}
