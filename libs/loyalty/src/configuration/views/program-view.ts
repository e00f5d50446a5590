import { formatRfc3339 } from '@loyalty/kernel';
import type { LoyaltyProgram } from '../../entities/loyalty-program.entity';
import type { ProgramSettings } from '../domain/program-settings';

/** `loyalty/programs/get`: the settings with the id and timestamps (also the audit snapshot). */
export interface ProgramView extends ProgramSettings {
  id: number;
  created_at: string;
  updated_at: string;
}

export function programSettings(program: LoyaltyProgram): ProgramSettings {
  return {
    name: program.name,
    external_id: program.externalId,
    db_id: program.database,
    description: program.description,
    timezone: program.timezone,
    currency: program.currency,
    is_active: program.isActive,
    arbitration: { ...program.arbitration },
    redemption: { ...program.redemption },
    allow_unknown_items: program.allowUnknownItems,
    expiry_notice_days: [...program.expiryNoticeDays],
    activate_on: program.activateOn,
    release_on_cancel: program.releaseOnCancel,
  };
}

export function programView(program: LoyaltyProgram): ProgramView {
  return {
    id: program.id,
    ...programSettings(program),
    created_at: formatRfc3339(program.createdAt),
    updated_at: formatRfc3339(program.updatedAt),
  };
}

/** The entity fields of resolved settings. */
export function programFields(settings: ProgramSettings) {
  return {
    name: settings.name,
    externalId: settings.external_id,
    database: settings.db_id,
    description: settings.description,
    timezone: settings.timezone,
    currency: settings.currency,
    isActive: settings.is_active,
    arbitration: settings.arbitration,
    redemption: settings.redemption,
    allowUnknownItems: settings.allow_unknown_items,
    expiryNoticeDays: settings.expiry_notice_days,
    activateOn: settings.activate_on,
    releaseOnCancel: settings.release_on_cancel,
  } satisfies Partial<LoyaltyProgram>;
}
