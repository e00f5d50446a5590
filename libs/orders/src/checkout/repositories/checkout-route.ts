import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '@loyalty/kernel';
import { AccountContext } from '@loyalty/platform';

/** Where a cart comes from: its touchpoint's sales channel and the program that prices it. */
export interface CheckoutRoute {
  channelExternalId: string;
  databaseId: number;
  /** The database's active program; null when it has none. */
  programId: number | null;
  configVersion: string | null;
}

/** The touchpoint `endpoint` (error 18 when unknown), its sales channel and its database's active program, in one query. */
export async function resolveCheckoutRoute(em: EntityManager, endpoint: string): Promise<CheckoutRoute> {
  const [row]: Array<{ channel: string; db_id: string; program_id: string | null; config_version: string | null }> =
    await em.execute(
      `select c.external_id as channel, c.db_id, lp.id as program_id, lp.config_version
         from market_endpoints e
         join market_channels c on c.id = e.channel_id
         left join loyalty_programs lp on lp.database_id = c.db_id and lp.is_active
        where e.account_id = ? and e.external_id = ?`,
      [AccountContext.accountId(), endpoint],
    );
  if (!row) throw DomainError.unknownReference('data.endpoint', `no touchpoint "${endpoint}"`);
  return {
    channelExternalId: row.channel,
    databaseId: Number(row.db_id),
    programId: row.program_id === null ? null : Number(row.program_id),
    configVersion: row.config_version === null ? null : String(row.config_version),
  };
}
