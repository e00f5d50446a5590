import { DomainError } from '@loyalty/kernel';
import type { SentLine } from './order-document';
import { assertLineMove, LineEffect } from './order-statuses';

/** What the plan needs of a stored line. */
export interface StoredLineState {
  externalId: string;
  status: string;
  unitsReturned: number;
}

export interface LinesPlan<T extends StoredLineState> {
  /** Lines that stay (same external id), with the status they get. */
  kept: { stored: T; sent: SentLine; status: string }[];
  added: { sent: SentLine; status: string }[];
  removed: T[];
}

/**
 * How a re-import of an imported order replaces its lines: a line that stays (by external id)
 * keeps its returned units and, unless a status is sent, its status; new lines start as `new`.
 * A line cannot shrink below its returned units nor leave the order once it has any (error 1: its
 * refund history must stay), and a fully returned line cannot take a status without a return
 * effect (error 13).
 */
export function planImportedLines<T extends StoredLineState>(
  stored: readonly T[],
  sent: readonly SentLine[],
  lineEffect: (status: string) => LineEffect | null,
): LinesPlan<T> {
  const byExternalId = new Map(stored.map((line) => [line.externalId, line]));
  const plan: LinesPlan<T> = { kept: [], added: [], removed: [] };
  for (const line of sent) {
    const current = byExternalId.get(line.externalId);
    if (!current) {
      plan.added.push({ sent: line, status: line.status ?? 'new' });
      continue;
    }
    byExternalId.delete(line.externalId);
    if (line.count < current.unitsReturned) {
      throw DomainError.invalid(
        `data.lines[${line.position}].count`,
        `${current.unitsReturned} units of this line are already returned`,
      );
    }
    const status = line.status ?? current.status;
    if (line.status !== null) assertLineMove(current.unitsReturned, line.count, lineEffect(status) ?? 'none', status);
    plan.kept.push({ stored: current, sent: line, status });
  }
  plan.removed = [...byExternalId.values()];
  const refunded = plan.removed.find((line) => line.unitsReturned > 0);
  if (refunded) {
    throw DomainError.invalid(
      'data.lines',
      `line "${refunded.externalId}" has returned units and a refund history; it must stay in the order`,
    );
  }
  return plan;
}
