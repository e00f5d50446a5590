import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiMethod, AuditEntry, ListAudit, Out, TextField } from '@loyalty/platform';
import { API_PREFIX } from '@loyalty/platform';
import { PageInfo, pageOf, PageRequest } from '../common/page.dto';
import { wireTime } from '../common/wire-format';

export class ListAuditRequest extends PageRequest {
  @TextField({ optional: true, nullable: true, maxLength: 64, example: 'api_token' })
  entity_type?: string | null;
}

export class AuditEntryView {
  @Out({ type: 'integer', example: 14 })
  id!: number;

  @Out({
    type: 'integer',
    nullable: true,
    description: 'The token that made the change; null for the root key',
    example: 1,
  })
  token_id!: number | null;

  @Out({ example: 'api_token' })
  entity_type!: string;

  @Out({ example: '2' })
  entity_id!: string;

  @Out({ example: 'create' })
  action!: string;

  @Out({ type: 'object', nullable: true, additionalProperties: true, example: null })
  before!: unknown;

  @Out({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    example: { name: 'POS integration', role: 'integration' },
  })
  after!: unknown;

  @Out({ nullable: true, example: null })
  reason!: string | null;

  @Out({ format: 'date-time', example: '2026-03-30T21:59:59.999Z' })
  created_at!: string;
}

export class ListAuditResponse extends PageInfo {
  @Out({ type: [AuditEntryView] })
  items!: AuditEntryView[];
}

function toView(entry: AuditEntry): AuditEntryView {
  return {
    id: entry.id,
    token_id: entry.tokenId,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    before: entry.before,
    after: entry.after,
    reason: entry.reason,
    created_at: wireTime(entry.createdAt),
  };
}

@ApiTags('Accounts and tokens')
@Controller(API_PREFIX)
export class AuditController {
  constructor(private readonly listAudit: ListAudit) {}

  @ApiMethod('admin/audit/list', {
    access: 'admin',
    mutating: false,
    summary: 'Who changed which configuration, when, before and after',
    response: ListAuditResponse,
  })
  async list(@Body() body: ListAuditRequest): Promise<ListAuditResponse> {
    const page = await this.listAudit.execute({
      ...pageOf(body),
      entityType: body.entity_type,
    });
    return { items: page.items.map(toView), next_from_id: page.nextFromId };
  }
}
