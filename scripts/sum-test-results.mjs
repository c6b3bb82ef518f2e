// Sums Vitest and Playwright JSON reports into one closing line: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const option = (name) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? 0);
// Whole-project checks (type check, lint) count as one test each.
let failed = option('checks-failed');
let passed = option('checks') - failed;
for (const file of process.argv.slice(2).filter((arg) => !arg.startsWith('--'))) {
  if (!existsSync(file)) {
    failed += 1; // a suite that wrote no report did not run: count it against us
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    passed += report.stats.expected;
    failed += report.stats.unexpected + (report.stats.flaky ?? 0);
    if (report.stats.skipped) failed += report.stats.skipped; // nothing may be skipped
  } else {
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
