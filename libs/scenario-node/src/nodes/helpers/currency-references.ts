import type { ArgsReference } from '../../node/scenario-node';

/** The program and the currency that a node reading a member's points in one currency names. */
export function currencyReferences(args: { loyalty_program_id: number; points_currency_eid: string }): ArgsReference[] {
  const programId = args.loyalty_program_id;
  return [
    { path: 'loyalty_program_id', kind: 'loyalty_program', id: programId },
    { path: 'points_currency_eid', kind: 'points_currency', programId, externalId: args.points_currency_eid },
  ];
}
