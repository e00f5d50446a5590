// Adds up the counts that tools/jest/count-reporter.cjs wrote for every Jest run and prints
// "N passed, N failed". Exits 1 when something failed or no test ran at all.
const fs = require('fs');
const path = require('path');

const dir = path.join(__dirname, '../tmp/jest-counts');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
for (const name of files) {
  const counts = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  passed += counts.passed;
  failed += counts.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
