import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2eStack, startE2eStack } from '@loyalty/testing';

const committed = join(__dirname, '../../../docs/openapi.json');

/**
 * The OpenAPI document the API serves must equal the committed docs/openapi.json, so a change of
 * the contract is always a visible diff. Regenerate with `npm run openapi:update`.
 */
describe('OpenAPI document', () => {
  let stack: E2eStack;

  beforeAll(async () => {
    stack = await startE2eStack('openapi');
  });

  afterAll(() => stack?.stop());

  it('equals the committed docs/openapi.json', async () => {
    const served = await (await fetch(`${stack.apiUrl}/docs/openapi.json`)).json();
    if (process.env['UPDATE_OPENAPI'] === 'true') writeFileSync(committed, `${JSON.stringify(served, null, 2)}\n`);
    expect(served).toEqual(JSON.parse(readFileSync(committed, 'utf8')));
  });
});
