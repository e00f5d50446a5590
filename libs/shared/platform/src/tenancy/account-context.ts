import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '@loyalty/kernel';

export type Role = 'admin' | 'integration' | 'read';

/** Who is calling: the account every query is scoped to, and the token that called. */
export interface Caller {
  accountId: number;
  tokenId: number | null;
  role: Role;
}

const storage = new AsyncLocalStorage<Caller>();

/**
 * The account context of the current request or job. Every account-scoped query reads it through
 * the ORM's `tenant` filter, so a query outside a context fails instead of seeing every account.
 */
export const AccountContext = {
  /** Runs `fn` as `caller` (an HTTP request after authentication, a worker job, a test). */
  run<T>(caller: Caller, fn: () => T): T {
    return storage.run(caller, fn);
  },

  current(): Caller | undefined {
    return storage.getStore();
  },

  require(): Caller {
    const caller = storage.getStore();
    if (!caller) throw new DomainError('INTERNAL', 'No account context');
    return caller;
  },

  accountId(): number {
    return AccountContext.require().accountId;
  },
};
