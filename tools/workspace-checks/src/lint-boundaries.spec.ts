import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

interface LintResult {
  messages: { line: number; ruleId: string | null; severity: number }[];
}

/** Runs the repository's ESLint in its own process (it loads its config with dynamic imports). */
function lint(paths: string[], extraArgs: string[] = []): LintResult[] {
  const run = spawnSync('npx', ['eslint', '--format', 'json', ...extraArgs, ...paths], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  return JSON.parse(run.stdout) as LintResult[];
}

const errorsOf = (results: LintResult[]) =>
  results.flatMap((result) =>
    result.messages.filter((message) => message.severity === 2).map((message) => [message.line, message.ruleId]),
  );

describe('lint boundaries of pure code', () => {
  it('fails the fixture that imports frameworks and Node built-ins into the kernel', () => {
    const results = lint(['libs/shared/kernel/lint-fixtures/forbidden-imports.ts'], ['--no-ignore']);
    expect(errorsOf(results)).toEqual([
      [3, '@nx/enforce-module-boundaries'],
      [4, '@nx/enforce-module-boundaries'],
      [5, '@nx/enforce-module-boundaries'],
      [6, '@nx/enforce-module-boundaries'],
      [7, 'no-restricted-imports'],
      [8, 'no-restricted-imports'],
    ]);
  }, 120_000);

  it('passes the kernel itself', () => {
    expect(errorsOf(lint(['libs/shared/kernel/src']))).toEqual([]);
  }, 120_000);
});
