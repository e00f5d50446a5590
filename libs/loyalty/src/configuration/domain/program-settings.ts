import { DomainError, Points, requireTimeZone } from '@loyalty/kernel';
import type {
  ActivateOn,
  ArbitrationMode,
  ArbitrationSettings,
  RedemptionSettings,
} from '../../entities/loyalty-program.entity';
import { parsePointsInput } from '../../domain/points-input';
import { oneOf, parsePercent, patched, requireIntegerIn, requireNonNumericExternalId } from './field-rules';

/** A program's settings as the API writes them (`loyalty/programs/get` without id and timestamps). */
export interface ProgramSettings {
  name: string;
  external_id: string;
  db_id: number;
  description: string | null;
  timezone: string;
  currency: string;
  is_active: boolean;
  arbitration: ArbitrationSettings;
  redemption: RedemptionSettings;
  allow_unknown_items: boolean;
  expiry_notice_days: number[];
  activate_on: ActivateOn;
  release_on_cancel: boolean;
}

export interface ArbitrationInput {
  mode: ArbitrationMode;
  max_discount_percent?: string | null;
}

export interface RedemptionInput {
  enabled: boolean;
  max_share_percent: string;
  min_redeem?: string | null;
  step?: string | null;
}

/** The body of `programs/create` (required fields present) or `programs/update` (any subset; null restores a default). */
export interface ProgramInput {
  name?: string | null;
  external_id?: string | null;
  db_id?: number | null;
  description?: string | null;
  timezone?: string | null;
  currency?: string | null;
  is_active?: boolean | null;
  arbitration?: ArbitrationInput | null;
  redemption?: RedemptionInput | null;
  allow_unknown_items?: boolean | null;
  expiry_notice_days?: number[] | null;
  activate_on?: ActivateOn | null;
  release_on_cancel?: boolean | null;
}

export const ACTIVATE_ON_VALUES: readonly ActivateOn[] = ['delay', 'paid', 'delivered'];
export const ARBITRATION_MODES: readonly ArbitrationMode[] = ['priority', 'best_for_customer'];
export const MAX_EXPIRY_NOTICES = 10;
export const MAX_EXPIRY_NOTICE_DAYS = 3650;

export const DEFAULT_ARBITRATION: ArbitrationSettings = { mode: 'priority', max_discount_percent: null };
export const DEFAULT_REDEMPTION: RedemptionSettings = {
  enabled: true,
  max_share_percent: '100',
  min_redeem: '0.00',
  step: '0.01',
};

/**
 * The program settings after a create (`current` null) or an update: validates every given field,
 * fills defaults (`timezone` defaults to the account's) and refuses to change `db_id`.
 */
export function resolveProgramSettings(
  input: ProgramInput,
  current: ProgramSettings | null,
  accountTimezone: string,
): ProgramSettings {
  const was = current ?? undefined;
  if (was && input.db_id !== undefined && input.db_id !== was.db_id) {
    throw DomainError.invalid('db_id', 'cannot change after creation');
  }
  return {
    name: patched(input.name, was?.name, 'name', { parse: (name) => name }),
    external_id: patched(input.external_id, was?.external_id, 'external_id', {
      parse: (id) => requireNonNumericExternalId(id),
    }),
    db_id: patched(input.db_id, was?.db_id, 'db_id', { parse: (id) => id }),
    description: patched(input.description, was?.description, 'description', {
      parse: (text) => text,
      fallback: () => null,
    }),
    timezone: patched(input.timezone, was?.timezone, 'timezone', {
      parse: (zone) => requireTimeZone(zone, 'timezone'),
      fallback: () => accountTimezone,
    }),
    currency: patched(input.currency, was?.currency, 'currency', { parse: parseCurrencyCode }),
    is_active: patched(input.is_active, was?.is_active, 'is_active', { parse: (on) => on, fallback: () => true }),
    arbitration: patched(input.arbitration, was?.arbitration, 'arbitration', {
      parse: parseArbitration,
      fallback: () => ({ ...DEFAULT_ARBITRATION }),
    }),
    redemption: patched(input.redemption, was?.redemption, 'redemption', {
      parse: parseRedemption,
      fallback: () => ({ ...DEFAULT_REDEMPTION }),
    }),
    allow_unknown_items: patched(input.allow_unknown_items, was?.allow_unknown_items, 'allow_unknown_items', {
      parse: (on) => on,
      fallback: () => false,
    }),
    expiry_notice_days: patched(input.expiry_notice_days, was?.expiry_notice_days, 'expiry_notice_days', {
      parse: parseExpiryNoticeDays,
      fallback: () => [],
    }),
    activate_on: patched(input.activate_on, was?.activate_on, 'activate_on', {
      parse: (value) => oneOf(value, ACTIVATE_ON_VALUES, 'activate_on'),
      fallback: () => 'delay',
    }),
    release_on_cancel: patched(input.release_on_cancel, was?.release_on_cancel, 'release_on_cancel', {
      parse: (on) => on,
      fallback: () => true,
    }),
  };
}

/** Any ISO 4217 code by its shape: three capital letters (`RUB`, `EUR`). */
export function parseCurrencyCode(code: string): string {
  if (!/^[A-Z]{3}$/.test(code)) throw DomainError.invalid('currency', 'must be an ISO 4217 code such as "RUB"');
  return code;
}

function parseArbitration(input: ArbitrationInput): ArbitrationSettings {
  const cap = input.max_discount_percent;
  return {
    mode: oneOf(input.mode, ARBITRATION_MODES, 'arbitration.mode'),
    max_discount_percent: cap == null ? null : parsePercent(cap, 'arbitration.max_discount_percent'),
  };
}

function parseRedemption(input: RedemptionInput): RedemptionSettings {
  const minRedeem = input.min_redeem ?? DEFAULT_REDEMPTION.min_redeem;
  const step = input.step ?? DEFAULT_REDEMPTION.step;
  return {
    enabled: input.enabled,
    max_share_percent: parsePercent(input.max_share_percent, 'redemption.max_share_percent'),
    min_redeem: Points.format(parsePointsInput(minRedeem, 2, 'redemption.min_redeem', true)),
    step: Points.format(parsePointsInput(step, 2, 'redemption.step')),
  };
}

function parseExpiryNoticeDays(days: number[]): number[] {
  if (days.length > MAX_EXPIRY_NOTICES) {
    throw DomainError.invalid('expiry_notice_days', `must have at most ${MAX_EXPIRY_NOTICES} entries`);
  }
  days.forEach((day, index) => {
    const path = `expiry_notice_days[${index}]`;
    requireIntegerIn(day, 1, MAX_EXPIRY_NOTICE_DAYS, path);
    if (days.indexOf(day) !== index) throw DomainError.invalid(path, `repeats ${day}`);
  });
  return [...days];
}
