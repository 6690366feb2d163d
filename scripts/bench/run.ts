/**
 * `npm run bench`: speed and memory of Siyaq, each figure next to its goal and against a
 * baseline measured in the same run.
 *
 *   npm run bench                      all sections (about 5 minutes)
 *   npm run bench -- --only matcher    one section: matcher | import | page | popup (comma-separated for several)
 *   npm run bench -- --quick           fewer repetitions (a smoke run; figures are less stable)
 *
 * The browser sections drive the built extension (.output/chrome-mv3) in the system Chromium;
 * the build runs first when it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { ROOT } from '../lib/packs';
import { allGoals, section, table } from './report';

const SECTIONS = ['matcher', 'import', 'page', 'popup'] as const;
type Section = (typeof SECTIONS)[number];

function parseArgs(argv: string[]): { only: Set<Section>; quick: boolean } {
  const only = new Set<Section>();
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      for (const s of (v ?? '').split(',')) {
        if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`--only takes ${SECTIONS.join(' | ')}, not "${s}"`);
        only.add(s as Section);
      }
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench [-- --only matcher|import|page|popup] [--quick]');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  if (!only.size) for (const s of SECTIONS) only.add(s);
  return { only, quick };
}

function ensureBuild(): void {
  const ext = join(ROOT, '.output/chrome-mv3');
  if (existsSync(join(ext, 'manifest.json')) && existsSync(join(ext, 'content-scripts/content.js'))) return;
  console.log('  .output/chrome-mv3 is missing: running `npm run -s build` (also builds the default pack) ...');
  const r = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

async function main(): Promise<void> {
  const { only, quick } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  console.log(
    `Siyaq benchmarks: ${[...only].join(', ')}${quick ? ' (quick)' : ''}; Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
  );
  const failures: string[] = [];
  const runSection = async (name: Section, fn: () => Promise<void>) => {
    if (!only.has(name)) return;
    const s0 = performance.now();
    try {
      await fn();
    } catch (e) {
      failures.push(`${name}: ${(e as Error).stack ?? String(e)}`);
      console.error(`\n  section ${name} failed: ${(e as Error).stack ?? String(e)}`);
    }
    console.log(`\n  (section ${name}: ${((performance.now() - s0) / 1000).toFixed(1)} s)`);
  };
  await runSection('matcher', async () => (await import('./matcher')).benchMatcher({ quick }));
  if (only.has('import') || only.has('page') || only.has('popup')) ensureBuild();
  await runSection('import', async () => (await import('./import')).benchImport({ quick }));
  await runSection('page', async () => (await import('./page')).benchPage({ quick }));
  await runSection('popup', async () => (await import('./popup')).benchPopup({ quick }));

  section('SUMMARY: every goal');
  const goals = allGoals();
  table(
    `Goals (${goals.filter((g) => g.verdict === 'PASS').length} PASS, ${goals.filter((g) => g.verdict === 'MISS').length} MISS, ${goals.filter((g) => g.verdict === 'N/A').length} not measurable here; INFO rows have no goal)`,
    ['section', 'what', 'goal', 'figure', 'verdict'],
    goals.map((g) => [g.section, g.name, g.goal, g.figure + (g.note ? ` (${g.note})` : ''), g.verdict]),
  );
  if (failures.length) console.log(`\n  ${failures.length} section(s) failed to run: see the errors above.`);
  console.log(`\n  total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (failures.length) process.exitCode = 1;
}

await main();
