import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type Redis from 'ioredis';
import {
  ApiToken,
  APP_CONFIG,
  CreateAccount,
  CreateToken,
  createLogger,
  ListTokens,
  PLATFORM_ENTITIES,
  RateLimiter,
  REDIS,
  RevokeToken,
  TokenAuthenticator,
} from '@loyalty/platform';
import { TEST_ROOT_KEY } from '../test-config';
import { createIntegrationContext, IntegrationContext } from '../integration-context';

describe('account scoping, token authentication and rate limits (real PostgreSQL and Redis)', () => {
  let ctx: IntegrationContext;
  let accountA: number;
  let accountB: number;
  let adminTokenA: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext({
      label: 'tenancy',
      entities: PLATFORM_ENTITIES,
      env: { RATE_LIMIT_PER_MINUTE: '3' },
    });
    const a = await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'A' }));
    const b = await ctx.inRequest(() => ctx.get(CreateAccount).execute({ name: 'B' }));
    [accountA, accountB, adminTokenA] = [a.accountId, b.accountId, a.adminToken];
    await ctx.asAccount(accountB, () => ctx.get(CreateToken).execute({ name: 'b-read', role: 'read' }));
  });

  afterAll(() => ctx.close());

  it('scopes every query to the account in context', async () => {
    const seenByA = await ctx.asAccount(accountA, () => ctx.get(ListTokens).execute({}));
    const seenByB = await ctx.asAccount(accountB, () => ctx.get(ListTokens).execute({}));
    expect(seenByA.items.map((token) => [token.account, token.name])).toEqual([[accountA, 'Initial admin token']]);
    expect(seenByB.items.map((token) => token.name)).toEqual(['Initial admin token', 'b-read']);
    expect(await ctx.em().count(ApiToken, {}, { filters: false })).toBe(3);
  });

  it('refuses to query account-scoped rows outside an account context', async () => {
    await expect(ctx.inRequest(() => ctx.get(EntityManager).find(ApiToken, {}))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });

  it("answers 404 for another account's token, as if it did not exist", async () => {
    const tokenOfB = (await ctx.em().findOneOrFail(ApiToken, { account: accountB, name: 'b-read' }, { filters: false }))
      .id;
    await expect(ctx.asAccount(accountA, () => ctx.get(RevokeToken).execute(tokenOfB))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const still = await ctx.em().findOneOrFail(ApiToken, { id: tokenOfB }, { filters: false });
    expect(still.revokedAt).toBeNull();
  });

  it('authenticates the root key, live tokens, and nobody else', async () => {
    const authenticator = ctx.get(TokenAuthenticator);
    expect(await ctx.inRequest(() => authenticator.authenticate(TEST_ROOT_KEY))).toEqual({ kind: 'root' });
    expect(await ctx.inRequest(() => authenticator.authenticate(adminTokenA))).toEqual({
      kind: 'token',
      caller: { accountId: accountA, tokenId: expect.any(Number), role: 'admin' },
    });
    expect(await ctx.inRequest(() => authenticator.authenticate(`${adminTokenA}x`))).toBeNull();
    const created = await ctx.asAccount(accountA, () => ctx.get(CreateToken).execute({ name: 'temp', role: 'read' }));
    await ctx.asAccount(accountA, () => ctx.get(RevokeToken).execute(created.tokenId));
    expect(await ctx.inRequest(() => authenticator.authenticate(created.token))).toBeNull();
  });

  it('a revocation reaches every API process at once, although each caches live tokens', async () => {
    const here = ctx.get(TokenAuthenticator);
    const elsewhere = new TokenAuthenticator(ctx.get(MikroORM) as MikroORM, ctx.get(APP_CONFIG), ctx.get<Redis>(REDIS));
    await elsewhere.onModuleInit();
    try {
      const created = await ctx.asAccount(accountA, () =>
        ctx.get(CreateToken).execute({ name: 'cached', role: 'read' }),
      );
      expect(await here.authenticate(created.token)).toMatchObject({ kind: 'token' });
      expect(await elsewhere.authenticate(created.token)).toMatchObject({ kind: 'token' });
      await ctx.asAccount(accountA, () => ctx.get(RevokeToken).execute(created.tokenId));
      expect(await here.authenticate(created.token)).toBeNull();
      const deadline = Date.now() + 2_000;
      while ((await elsewhere.authenticate(created.token)) !== null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(await elsewhere.authenticate(created.token)).toBeNull();
    } finally {
      await elsewhere.onApplicationShutdown();
    }
  });

  it('shares the per-token budget between API processes through Redis', async () => {
    const process = () => new RateLimiter(ctx.get<Redis>(REDIS), ctx.get(APP_CONFIG), createLogger('silent', 'test'));
    const [first, second] = [process(), process()];
    await first.consume('token-shared');
    await first.consume('token-shared');
    await first.sync();
    await second.consume('token-shared');
    await second.sync(); // the second process learns that the first used 2 of the 3
    await expect(second.consume('token-shared')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await first.sync();
    await expect(first.consume('token-shared')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    first.onApplicationShutdown();
    second.onApplicationShutdown();
  });

  it('allows RATE_LIMIT_PER_MINUTE calls per token and minute, then says when to retry', async () => {
    const limiter = ctx.get(RateLimiter);
    for (let call = 0; call < 3; call += 1) await limiter.consume('token-1');
    const refused = await limiter.consume('token-1').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = (refused as { details: { retry_after_seconds: number } }).details.retry_after_seconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await expect(limiter.consume('token-2')).resolves.toBeUndefined();
  });
});
