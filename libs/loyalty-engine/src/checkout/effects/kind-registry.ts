import { DomainError } from '@loyalty/kernel';

/** Something registered under a stable code (an effect kind). */
export interface RegisteredKind<C extends string> {
  readonly code: C;
}

export interface KindRegistry<C extends string, K extends RegisteredKind<C>> {
  readonly codes: readonly C[];
  has(code: unknown): code is C;
  get(code: C): K;
}

/**
 * The kinds of one effect family by code. Built once at module load; a duplicate code is a
 * programming error and fails at start-up, like the scenario-node registry.
 */
export function kindRegistry<C extends string, K extends RegisteredKind<C>>(
  family: string,
  kinds: readonly K[],
): KindRegistry<C, K> {
  const byCode = new Map<string, K>();
  for (const kind of kinds) {
    if (byCode.has(kind.code)) {
      throw new DomainError('INTERNAL', `${family}: kind "${kind.code}" is registered twice`);
    }
    byCode.set(kind.code, kind);
  }
  return {
    codes: kinds.map((kind) => kind.code),
    has: (code): code is C => typeof code === 'string' && byCode.has(code),
    get(code) {
      const kind = byCode.get(code);
      if (kind === undefined) {
        throw new DomainError('INTERNAL', `${family}: no kind "${code}"`);
      }
      return kind;
    },
  };
}
