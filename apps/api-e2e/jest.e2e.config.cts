const { jestProject } = require('../../jest.preset.js');

// Black-box tests of the built API and worker over HTTP; they run one file at a time per worker.
module.exports = {
  ...jestProject('api-e2e', __dirname),
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120_000,
  maxWorkers: 2,
  forceExit: true,
};
