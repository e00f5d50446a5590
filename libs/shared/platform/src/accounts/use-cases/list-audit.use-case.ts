import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { findPage, Page, PageRequest } from '../../database/keyset-page';
import { AuditEntry } from '../audit-entry.entity';

/** `admin/audit/list`: configuration changes, oldest first, optionally of one entity type. */
@Injectable()
export class ListAudit {
  constructor(private readonly em: EntityManager) {}

  execute(input: PageRequest & { entityType?: string | null }): Promise<Page<AuditEntry>> {
    return findPage(this.em, AuditEntry, input.entityType ? { entityType: input.entityType } : {}, input);
  }
}
