import type { Role } from '../tenancy/account-context';
import { MethodAccess, roleMayCall } from './api-method';

describe('roleMayCall', () => {
  it.each<[Role, MethodAccess, boolean]>([
    ['admin', 'admin', true],
    ['admin', 'integration', true],
    ['admin', 'read', true],
    ['integration', 'admin', false],
    ['integration', 'integration', true],
    ['integration', 'read', true],
    ['read', 'admin', false],
    ['read', 'integration', false],
    ['read', 'read', true],
  ])('lets %s call %s methods: %p', (role, access, allowed) => {
    expect(roleMayCall(role, access)).toBe(allowed);
  });

  it.each<Role>(['admin', 'integration', 'read'])('never lets %s call root methods', (role) => {
    expect(roleMayCall(role, 'root')).toBe(false);
  });
});
