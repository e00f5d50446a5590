const path = require('path');
const nxPreset = require('@nx/jest/preset').default;

/**
 * Every project's jest.config.cts calls jestProject(name, dir). `JEST_SUITE=integration`
 * selects the `*.int.spec.ts` files (real PostgreSQL and Redis); otherwise the unit specs run.
 */
function jestProject(displayName, rootDir) {
  const integration = process.env.JEST_SUITE === 'integration';
  return {
    ...nxPreset,
    displayName: integration ? `${displayName}:int` : displayName,
    rootDir,
    testEnvironment: 'node',
    testMatch: integration ? ['<rootDir>/src/**/*.int.spec.ts'] : ['<rootDir>/src/**/*.spec.ts'],
    testPathIgnorePatterns: integration ? ['/node_modules/'] : ['/node_modules/', '\\.int\\.spec\\.ts$'],
    transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }] },
    moduleFileExtensions: ['ts', 'js'],
    setupFiles: [path.join(__dirname, 'tools/jest/setup-utc.cjs')],
    reporters: ['default', path.join(__dirname, 'tools/jest/count-reporter.cjs')],
    testTimeout: integration ? 60_000 : 10_000,
    passWithNoTests: true,
    // Integration runs exit when their tests are done, so a leaked connection cannot hang CI
    // (find one with --detectOpenHandles).
    forceExit: integration,
  };
}

module.exports = { ...nxPreset, jestProject };
