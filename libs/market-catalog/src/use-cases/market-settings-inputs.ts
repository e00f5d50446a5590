import type { ChannelType } from '../entities/sales-channel.entity';
import type { CustomFieldEntityType, CustomFieldValueType } from '../entities/custom-field.entity';

export interface ChannelInput {
  external_id: string;
  name: string;
  type: ChannelType;
  db_id: number;
  tags?: string[] | null;
}

export interface TouchpointInput {
  external_id: string;
  name: string;
  channel_external_id: string;
}

export interface RegionInput {
  external_id: string;
  name: string;
}

export interface CustomFieldInput {
  external_id: string;
  name: string;
  entity_type: CustomFieldEntityType;
  value_type: CustomFieldValueType;
  required?: boolean | null;
  default_value?: unknown;
}
