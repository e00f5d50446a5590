import { decimalTextFromNumber, DomainError, Points } from '@loyalty/kernel';
import type { JsonSchema } from '@loyalty/contracts';
import type { ArgsProblem } from '../../node/scenario-node';

/** A points amount in args: a decimal string (`"100.50"`) or a JSON number, at most 2 fraction digits. */
export const POINTS_ARG_SCHEMA: JsonSchema = {
  type: ['string', 'number'],
  pattern: '^-?(0|[1-9][0-9]*)(\\.[0-9]{1,2})?$',
  description: 'Points as a decimal string ("100.50") or a number, at most 2 fraction digits',
};

/** The amount in hundredths of a point; a DomainError naming `path` when it is not one. */
export function pointsArg(value: string | number, path: string): bigint {
  return Points.parse(typeof value === 'number' ? decimalTextFromNumber(value, path) : value, path);
}

/** The problem with a points arg, or null; `positive` refuses zero and below. */
export function pointsArgProblem(value: unknown, path: string, positive: boolean): ArgsProblem | null {
  if (typeof value !== 'string' && typeof value !== 'number') return { path, message: 'must be a decimal amount' };
  try {
    const amount = pointsArg(value, path);
    return positive && amount <= 0n ? { path, message: 'must be greater than 0' } : null;
  } catch (error) {
    if (error instanceof DomainError) return { path, message: error.details.fields?.[0]?.message ?? error.message };
    throw error;
  }
}
