import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { type CountedPage, findPage, PageRequest } from '@loyalty/platform';
import { CustomField, CustomFieldEntityType } from '../entities/custom-field.entity';
import { customFieldView, CustomFieldView } from '../views/settings-views';

/** `market/custom_fields/list`: ascending by id, optionally of one entity type. */
@Injectable()
export class ListCustomFields {
  constructor(private readonly em: EntityManager) {}

  async execute(
    page: PageRequest & { entityType?: CustomFieldEntityType | null },
  ): Promise<CountedPage<CustomFieldView>> {
    const where = page.entityType ? { entityType: page.entityType } : {};
    const result = await findPage(this.em, CustomField, where, page);
    return {
      items: result.items.map(customFieldView),
      nextFromId: result.nextFromId,
      totalCount: await this.em.count(CustomField, where),
    };
  }
}
