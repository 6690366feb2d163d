/**
 * The matching code as the extension ships it. `tsx` compiles with esbuild's keepNames, which
 * wraps every function created at run time in a `__name(fn, "name")` call (a defineProperty):
 * a closure created per token in a hot loop then costs more than the matching itself. The
 * extension's production build has no such wrappers (checked: no `__name` in .output), so the
 * Node benchmarks bundle lib/match with esbuild (no keepNames) and measure that; when esbuild
 * cannot be loaded they fall back to the tsx-compiled modules and say so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../lib/packs';

type Gaz = typeof import('../../lib/match/gazetteer');
export interface ProductModules {
  compileGazetteer: Gaz['compileGazetteer'];
  Gazetteer: Gaz['Gazetteer'];
  tokenize: (typeof import('../../lib/text/tokenize'))['tokenize'];
  tokenSpan: (typeof import('../../lib/text/tokenize'))['tokenSpan'];
  scan: (typeof import('../../lib/match/scan'))['scan'];
  annotate: (typeof import('../../lib/match/annotate'))['annotate'];
  foldText: (typeof import('./regex-baseline'))['foldText'];
  buildRegex: (typeof import('./regex-baseline'))['buildRegex'];
  regexMatches: (typeof import('./regex-baseline'))['regexMatches'];
  /** How the code was loaded. */
  how: string;
}

const ENTRY = `
export { compileGazetteer, Gazetteer } from './lib/match/gazetteer';
export { tokenize, tokenSpan } from './lib/text/tokenize';
export { scan } from './lib/match/scan';
export { annotate } from './lib/match/annotate';
export { foldText, buildRegex, regexMatches } from './scripts/bench/regex-baseline';
`;

export async function loadProduct(): Promise<ProductModules> {
  let dir: string | undefined;
  try {
    const esbuild = await import('esbuild');
    dir = mkdtempSync(join(tmpdir(), 'siyaq-bench-'));
    const outfile = join(dir, 'match.mjs');
    await esbuild.build({
      stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-entry.ts' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      keepNames: false,
      outfile,
      logLevel: 'silent',
    });
    const m = (await import(pathToFileURL(outfile).href)) as Omit<ProductModules, 'how'>;
    return { ...m, how: `bundled with esbuild ${esbuild.version} like the extension build (no keepNames)` };
  } catch (e) {
    const [g, t, s, a, r] = await Promise.all([
      import('../../lib/match/gazetteer'),
      import('../../lib/text/tokenize'),
      import('../../lib/match/scan'),
      import('../../lib/match/annotate'),
      import('./regex-baseline'),
    ]);
    return {
      compileGazetteer: g.compileGazetteer,
      Gazetteer: g.Gazetteer,
      tokenize: t.tokenize,
      tokenSpan: t.tokenSpan,
      scan: s.scan,
      annotate: a.annotate,
      foldText: r.foldText,
      buildRegex: r.buildRegex,
      regexMatches: r.regexMatches,
      how: `compiled by tsx (esbuild unavailable: ${(e as Error).message}); closures pay tsx's __name wrappers, so figures are pessimistic`,
    };
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
