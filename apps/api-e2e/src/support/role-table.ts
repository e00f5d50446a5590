export type Caller = 'root' | 'admin' | 'integration' | 'read';

/**
 * Who may call what, written out from the role table of spec/api.md §1 (not derived from the
 * application): `admin/tokens/*`, `admin/audit/list`, `databases/create` and `profiles/delete` are
 * admin; `profiles/import` is integration (and admin); every get and list is read (and everyone);
 * `admin/accounts/create` is the root key alone, and the root key can do nothing else. Loyalty
 * configuration: every create, update, activate and deactivate is admin; every get and list, and
 * `loyalty/trigger_promotions`, is read. Points: `adjust_points` and `ledger/import` are admin;
 * members, accrual, redemption and the transaction methods are integration; `account/*` and
 * `members/list` are read.
 */
export const ALLOWED: Record<string, Caller[]> = {
  'admin/accounts/create': ['root'],
  'admin/tokens/create': ['admin'],
  'admin/tokens/list': ['admin'],
  'admin/tokens/revoke': ['admin'],
  'admin/audit/list': ['admin'],
  'databases/create': ['admin'],
  'databases/list': ['admin', 'integration', 'read'],
  'profiles/import': ['admin', 'integration'],
  'profiles/get': ['admin', 'integration', 'read'],
  'profiles/delete': ['admin'],
  'loyalty/programs/create': ['admin'],
  'loyalty/programs/update': ['admin'],
  'loyalty/programs/get': ['admin', 'integration', 'read'],
  'loyalty/programs/list': ['admin', 'integration', 'read'],
  'loyalty/programs/activate': ['admin'],
  'loyalty/programs/deactivate': ['admin'],
  'loyalty/points_currencies/create': ['admin'],
  'loyalty/points_currencies/update': ['admin'],
  'loyalty/points_currencies/list': ['admin', 'integration', 'read'],
  'loyalty/tier_groups/create': ['admin'],
  'loyalty/tier_groups/update': ['admin'],
  'loyalty/tier_groups/list': ['admin', 'integration', 'read'],
  'loyalty/promotions/create': ['admin'],
  'loyalty/promotions/update': ['admin'],
  'loyalty/promotions/get': ['admin', 'integration', 'read'],
  'loyalty/promotions/list': ['admin', 'integration', 'read'],
  'loyalty/promotions/activate': ['admin'],
  'loyalty/promotions/deactivate': ['admin'],
  'loyalty/trigger_promotions': ['admin', 'integration', 'read'],
  'loyalty/register_member': ['admin', 'integration'],
  'loyalty/delete_member': ['admin', 'integration'],
  'loyalty/members/list': ['admin', 'integration', 'read'],
  'loyalty/members/import': ['admin', 'integration'],
  'loyalty/accrue_points': ['admin', 'integration'],
  'loyalty/redeem_points': ['admin', 'integration'],
  'loyalty/redeeme_points': ['admin', 'integration'],
  'loyalty/adjust_points': ['admin'],
  'loyalty/ledger/import': ['admin'],
  'loyalty/commit_transaction': ['admin', 'integration'],
  'loyalty/rollback_transaction': ['admin', 'integration'],
  'loyalty/cancel_transaction': ['admin', 'integration'],
  'loyalty/account/balance': ['admin', 'integration', 'read'],
  'loyalty/account/transactions': ['admin', 'integration', 'read'],
  'loyalty/account/expiring_points': ['admin', 'integration', 'read'],
  'loyalty/account/tiers': ['admin', 'integration', 'read'],
};
