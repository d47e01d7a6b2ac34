// `npm test`: everything that decides whether a change lands, in order — type check, unit tests,
// production build, browser tests in Chromium against the built site — then one closing line,
// "N passed, N failed", counting every test that ran. A skipped test counts as a failure: a test
// that does not run checks nothing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
let passed = 0;
let failed = 0;

function run(title, command, args) {
  console.log(`\n━━ ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status === 0;
}

/** A stage that is not a test runner (type check, build) counts only when it fails. */
function stage(title, command, args) {
  const ok = run(title, command, args);
  if (!ok) {
    failed++;
    console.log(`✗ ${title} failed`);
  }
  return ok;
}

function vitest(title, configArgs) {
  mkdirSync('test-results', { recursive: true });
  const report = `test-results/${title.replace(/\W+/g, '-')}.json`;
  rmSync(report, { force: true });
  run(title, 'npx', ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  let json;
  try {
    json = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    failed++;
    console.log(`✗ ${title}: Vitest wrote no report`);
    return;
  }
  const skipped = json.numPendingTests + json.numTodoTests;
  // A file that fails to load reports its tests as skipped, so those are failures as well.
  const brokenFiles = json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
  passed += json.numPassedTests;
  failed += json.numFailedTests + skipped + brokenFiles;
  if (skipped) console.log(`✗ ${title}: ${skipped} skipped or todo test(s) — every test must run`);
  if (brokenFiles) console.log(`✗ ${title}: ${brokenFiles} test file(s) failed to run`);
}

stage('Type check', 'npx', ['astro', 'check']);
vitest('Unit tests', []);
const built = stage('Build', 'npx', ['astro', 'build']);
if (built) vitest('Browser tests', ['-c', 'vitest.browser.config.ts']);
else console.log('✗ Browser tests not run: the build failed');

console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
