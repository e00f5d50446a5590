// Writes each Jest run's pass/fail counts to tmp/jest-counts so that tools/test-summary.cjs
// can print one "N passed, N failed" line for the whole test command.
const fs = require('fs');
const path = require('path');

class CountReporter {
  onRunComplete(_contexts, results) {
    const dir = path.join(__dirname, '../../tmp/jest-counts');
    fs.mkdirSync(dir, { recursive: true });
    const counts = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
    };
    const file = path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify(counts));
  }
}

module.exports = CountReporter;
