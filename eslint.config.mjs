import nx from '@nx/eslint-plugin';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Packages that pure code (type:domain, type:util) must never import. */
const frameworkPackages = ['@nestjs/*', '@mikro-orm/*', 'bullmq', 'ioredis', 'pg', 'fastify', '@fastify/*', 'knex'];

/** Node built-ins in both spellings (`fs` and `node:fs`): the Nx rule does not see them. */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_')).flatMap((name) => [name, `node:${name}`]);

/** Roots of the projects tagged type:domain or type:util, read from their project.json. */
function pureProjectRoots(dir = 'libs') {
  const root = new URL('.', import.meta.url).pathname;
  const found = [];
  const visit = (relative) => {
    const projectFile = join(root, relative, 'project.json');
    if (existsSync(projectFile)) {
      const tags = JSON.parse(readFileSync(projectFile, 'utf8')).tags ?? [];
      if (tags.includes('type:domain') || tags.includes('type:util')) found.push(relative);
      return;
    }
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules') visit(join(relative, entry.name));
    }
  };
  visit(dir);
  return found;
}

const pureCodeRules = {
  'no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({ name, message: 'Pure code does no I/O: pass what you need in.' })),
      patterns: [{ group: nodeBuiltins.map((name) => `${name}/*`), message: 'Pure code does no I/O.' }],
    },
  ],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/tmp', '**/.data', '**/lint-fixtures/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cts', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/jest\\.preset\\.js$'],
          depConstraints: [
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:util'],
              bannedExternalImports: frameworkPackages,
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:util'],
              bannedExternalImports: frameworkPackages,
            },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:util'] },
            {
              // type:testing is used by the *.int.spec.ts files only; library code never imports it.
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:schema',
              onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:util', 'type:platform', 'type:testing'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:platform', 'type:util', 'type:domain'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:schema',
                'type:feature',
                'type:domain',
                'type:util',
                'type:platform',
                'type:testing',
              ],
            },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:util'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Pure code does no I/O: no Node built-ins outside tests (the Nx rule above bans the frameworks).
    files: pureProjectRoots().map((root) => `${root}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: pureCodeRules,
  },
];
