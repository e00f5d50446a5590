import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { requireProgram } from '../../repositories/program-lookup';
import { programView, ProgramView } from '../views/program-view';

/** `loyalty/programs/get`: every setting of a program of the caller's account (404 otherwise). */
@Injectable()
export class GetProgram {
  constructor(private readonly em: EntityManager) {}

  async execute(programId: number): Promise<ProgramView> {
    return programView(await requireProgram(this.em, programId));
  }
}
