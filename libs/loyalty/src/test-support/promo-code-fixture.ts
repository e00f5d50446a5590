import { AuditEntry, CLOCK, CreateAccount, PLATFORM_ENTITIES, SharedTestClock } from '@loyalty/platform';
import { CreateDatabase, ImportProfiles, PROFILE_ENTITIES, ProfilesModule } from '@loyalty/profiles';
import { createIntegrationContext, IntegrationContext } from '@loyalty/testing';
import { LOYALTY_ENTITIES } from '../entities/index';
import { PromoCode } from '../entities/promo-code.entity';
import type { CodeHolder } from '../promo-codes/domain/code-state';
import type { PromoCodeProgramInput } from '../promo-codes/domain/promo-code-program-settings';
import { PromoCodesModule } from '../promo-codes/promo-codes.module';
import { AttachPromoCode } from '../promo-codes/use-cases/attach-promo-code.use-case';
import { CreatePromoCodeProgram } from '../promo-codes/use-cases/create-promo-code-program.use-case';
import { ImportPromoCodes } from '../promo-codes/use-cases/import-promo-codes.use-case';

/**
 * Two accounts (the second only to prove isolation), a database each, people in them, and helpers
 * to make promo-code programs and codes through the use cases: for the promo codes' integration tests.
 */
export interface PromoCodeWorld {
  ctx: IntegrationContext;
  clock: SharedTestClock;
  accountId: number;
  otherAccountId: number;
  dbId: number;
  otherDbId: number;
  /** People of the account's database by email local part. */
  people: Record<PersonName, CodeHolder>;
  /** A person of the other account's database. */
  stranger: CodeHolder;
  as<T>(fn: () => Promise<T>): Promise<T>;
  asOther<T>(fn: () => Promise<T>): Promise<T>;
  program(input: Partial<PromoCodeProgramInput> & { short_name: string }, other?: boolean): Promise<number>;
  importCodes(programId: number, codes: string[], other?: boolean): Promise<void>;
  attach(programId: number, code: string, email: string): Promise<void>;
  /** The rows of a program's codes, by code. */
  rows(programId: number): Promise<Map<string, PromoCode>>;
  audit(entityType: string, entityId: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

export const START = new Date('2026-03-01T09:00:00.000Z');

const NAMES = ['anna', 'boris', 'carl', 'dora', 'erik'] as const;
export type PersonName = (typeof NAMES)[number];

export async function createPromoCodeWorld(label: string): Promise<PromoCodeWorld> {
  const ctx = await createIntegrationContext({
    label,
    entities: [...PLATFORM_ENTITIES, ...PROFILE_ENTITIES, ...LOYALTY_ENTITIES],
    imports: [ProfilesModule, PromoCodesModule],
    env: { TEST_CLOCK: 'true' },
  });
  const clock: SharedTestClock = ctx.get(CLOCK);
  await clock.set(START);
  const create = (name: string, timezone: string) =>
    ctx.inRequest(() => ctx.get(CreateAccount).execute({ name, timezone }));
  const accountId = (await create('Shop', 'Europe/Moscow')).accountId;
  const otherAccountId = (await create('Other', 'UTC')).accountId;
  const as = <T>(fn: () => Promise<T>) => ctx.asAccount(accountId, fn);
  const asOther = <T>(fn: () => Promise<T>) => ctx.asAccount(otherAccountId, fn);
  const dbId = (await as(() => ctx.get(CreateDatabase).execute('Customers'))).dbId;
  const otherDbId = (await asOther(() => ctx.get(CreateDatabase).execute('Theirs'))).dbId;
  const imported = await as(() =>
    ctx.get(ImportProfiles).execute({
      dbId,
      matching: 'email',
      items: NAMES.map((name) => ({ email: `${name}@example.com` })),
    }),
  );
  const people = Object.fromEntries(
    NAMES.map((name, index) => [name, { databaseId: dbId, profileId: imported.profileIds[index] }]),
  ) as Record<PersonName, CodeHolder>;
  const theirs = await asOther(() =>
    ctx.get(ImportProfiles).execute({ dbId: otherDbId, matching: 'email', items: [{ email: 'anna@example.com' }] }),
  );
  const stranger = { databaseId: otherDbId, profileId: theirs.profileIds[0] };
  const runAs = (other: boolean | undefined) => (other ? asOther : as);
  return {
    ctx,
    clock,
    accountId,
    otherAccountId,
    dbId,
    otherDbId,
    people,
    stranger,
    as,
    asOther,
    program: async (input, other) =>
      (
        await runAs(other)(() =>
          ctx.get(CreatePromoCodeProgram).execute({ name: input.short_name, kind: 'personal', ...input }),
        )
      ).programId,
    importCodes: async (programId, codes, other) => {
      await runAs(other)(() => ctx.get(ImportPromoCodes).execute(programId, codes));
    },
    attach: async (programId, code, email) => {
      await as(() =>
        ctx
          .get(AttachPromoCode)
          .execute({ programId, dbId, code, person: { matching: 'email', email: `${email}@example.com` } }),
      );
    },
    rows: async (programId) => {
      const codes = await ctx.em().find(PromoCode, { program: programId }, { filters: false, orderBy: { id: 'asc' } });
      return new Map(codes.map((code) => [code.code, code]));
    },
    audit: (entityType, entityId) =>
      ctx.em().find(AuditEntry, { entityType, entityId: String(entityId) }, { filters: false, orderBy: { id: 'asc' } }),
    close: () => ctx.close(),
  };
}
