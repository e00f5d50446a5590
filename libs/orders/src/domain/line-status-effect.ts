import { DomainError } from '@loyalty/kernel';
import type { LineStatusEffect } from '../entities/custom-line-status.entity';
import type { CustomLineStatusInput } from './order-input';
import { builtInLineEffect, LINE_STATUSES, LineEffect, LineStatus } from './order-statuses';

function isBuiltInLineStatus(status: string): status is LineStatus {
  return (LINE_STATUSES as readonly string[]).includes(status);
}

/** What a line status does: a built-in one's effect, a declared custom one's, or null when it names nothing. */
export function lineStatusEffect(status: string, custom: ReadonlyMap<string, LineStatusEffect>): LineEffect | null {
  if (isBuiltInLineStatus(status)) return builtInLineEffect(status);
  return custom.get(status) ?? null;
}

/**
 * Checks `custom_line_statuses` before they are saved: each external id once per call, and none
 * that is a built-in status (a custom status cannot redefine `canceled`).
 */
export function checkCustomLineStatuses(statuses: readonly CustomLineStatusInput[], path: string): void {
  const seen = new Set<string>();
  statuses.forEach((status, index) => {
    const at = `${path}[${index}].external_id`;
    if (isBuiltInLineStatus(status.external_id)) {
      throw DomainError.invalid(at, `"${status.external_id}" is a built-in line status`);
    }
    if (seen.has(status.external_id)) throw DomainError.invalid(at, `"${status.external_id}" is declared twice`);
    seen.add(status.external_id);
  });
}
