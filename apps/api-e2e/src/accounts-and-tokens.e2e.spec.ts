import { E2eStack, startE2eStack } from '@loyalty/testing';

type Envelope<T> = {
  error: number;
  error_text: string;
  error_code?: string;
  data: T;
  details?: Record<string, unknown>;
};

describe('accounts and tokens', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack('accounts');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('the root key creates an account whose admin creates integration and read tokens', async () => {
    const created = await stack.call<Envelope<{ account_id: number; admin_token: string }>>(
      'admin/accounts/create',
      { name: 'Coffee Corner', timezone: 'Europe/Moscow' },
      stack.rootKey,
    );
    expect(created.status).toBe(200);
    expect(created.body.error).toBe(0);
    expect(created.body.error_text).toBe('Successful operation');
    expect(created.body.data.account_id).toBeGreaterThan(0);
    const admin = created.body.data.admin_token;
    expect(admin).toMatch(/^lyt_[A-Za-z0-9_-]{43}$/);

    const integration = await stack.call<Envelope<{ token_id: number; token: string }>>(
      'admin/tokens/create',
      { name: 'POS', role: 'integration' },
      admin,
    );
    const read = await stack.call<Envelope<{ token_id: number; token: string }>>(
      'admin/tokens/create',
      { name: 'BI', role: 'read' },
      admin,
    );
    expect([integration.status, read.status]).toEqual([200, 200]);
    expect(integration.body.data.token).not.toEqual(read.body.data.token);

    const listed = await stack.call<
      Envelope<{ items: { token_id: number; role: string; name: string }[]; next_from_id: number | null }>
    >('admin/tokens/list', {}, admin);
    expect(listed.body.data.items.map((token) => [token.name, token.role])).toEqual([
      ['Initial admin token', 'admin'],
      ['POS', 'integration'],
      ['BI', 'read'],
    ]);
    expect(listed.text).not.toContain(integration.body.data.token);

    const audit = await stack.call<Envelope<{ items: { entity_type: string; action: string }[] }>>(
      'admin/audit/list',
      { entity_type: 'api_token' },
      admin,
    );
    expect(audit.body.data.items.map((entry) => entry.action)).toEqual(['create', 'create', 'create']);
  });

  it('the root key can do nothing but create accounts, and unknown tokens get 401', async () => {
    const asRoot = await stack.call<Envelope<unknown>>('databases/list', {}, stack.rootKey);
    expect(asRoot.status).toBe(403);
    expect(asRoot.body.error).toBe(3);
    expect(asRoot.body.error_code).toBe('FORBIDDEN');

    const unknown = await stack.call<Envelope<unknown>>('databases/list', {}, 'lyt_not-a-real-token');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ error: 2, error_code: 'UNAUTHORIZED' });

    const none = await stack.call<Envelope<unknown>>('databases/list', {});
    expect(none.status).toBe(401);
  });

  it('a revoked token stops working at once', async () => {
    const { body } = await stack.call<Envelope<{ admin_token: string }>>(
      'admin/accounts/create',
      { name: 'B' },
      stack.rootKey,
    );
    const admin = body.data.admin_token;
    const token = await stack.call<Envelope<{ token_id: number; token: string }>>(
      'admin/tokens/create',
      { name: 'x', role: 'read' },
      admin,
    );
    expect((await stack.call('databases/list', {}, token.body.data.token)).status).toBe(200);
    const revoked = await stack.call<Envelope<{ token_id: number }>>(
      'admin/tokens/revoke',
      { token_id: token.body.data.token_id },
      admin,
    );
    expect(revoked.status).toBe(200);
    expect((await stack.call('databases/list', {}, token.body.data.token)).status).toBe(401);
  });
});
