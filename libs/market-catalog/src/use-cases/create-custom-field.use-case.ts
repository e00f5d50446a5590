import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, type Clock } from '@loyalty/kernel';
import { AccountContext, CLOCK, recordAudit } from '@loyalty/platform';
import { normaliseCustomFieldValue } from '../domain/custom-field-values';
import { CustomField } from '../entities/custom-field.entity';
import { customFieldView } from '../views/settings-views';
import type { CustomFieldInput } from './market-settings-inputs';

/** `market/custom_fields/create`: a typed field of products, SKUs, orders or order lines. */
@Injectable()
export class CreateCustomField {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute(input: CustomFieldInput): Promise<{ id: number }> {
    return this.em.transactional(async (em) => {
      const defaultValue =
        input.default_value == null
          ? null
          : normaliseCustomFieldValue(input.value_type, input.default_value, 'default_value');
      if (await em.findOne(CustomField, { entityType: input.entity_type, externalId: input.external_id })) {
        throw DomainError.conflict('external_id', `a ${input.entity_type} custom field "${input.external_id}" exists`);
      }
      const now = this.clock.now();
      const field = em.create(CustomField, {
        account: AccountContext.accountId(),
        entityType: input.entity_type,
        externalId: input.external_id,
        name: input.name,
        valueType: input.value_type,
        required: input.required ?? false,
        defaultValue,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      recordAudit(em, this.clock, {
        entityType: 'market_custom_field',
        entityId: field.id,
        action: 'create',
        after: customFieldView(field),
      });
      return { id: field.id };
    });
  }
}
