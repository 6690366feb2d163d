import { synthGazetteer, synthText } from './synth';
import { buildRegex, foldText, regexMatches } from './regex-baseline';
import { compileGazetteer, Gazetteer } from '../../lib/match/gazetteer';
import { tokenize } from '../../lib/text/tokenize';
import { scan } from '../../lib/match/scan';
import { normalize } from '../../lib/text/normalize';
const N = Number(process.argv[2] ?? 100000);
let t0 = performance.now();
const g = synthGazetteer(N);
console.log('gen', performance.now() - t0, g.keys.slice(0, 5), g.surfaces.slice(0, 5));
for (let i = 0; i < 2000; i++) if (normalize(g.surfaces[i]!) !== g.keys[i]) console.log('MISMATCH', g.keys[i], g.surfaces[i], normalize(g.surfaces[i]!));
t0 = performance.now();
const txt = synthText(g, 1 << 20);
console.log('text', performance.now() - t0, txt.utf8Bytes, txt.words, txt.planted, txt.text.slice(0, 300));
t0 = performance.now();
const buf = compileGazetteer(g.entities, g.aliases);
console.log('compile', performance.now() - t0, buf.byteLength, buf.byteLength / N);
const gz = new Gazetteer(buf);
for (let k = 0; k < 5; k++) {
  t0 = performance.now();
  const t = tokenize(txt.text);
  const t1 = performance.now();
  const hits = scan(gz, t);
  console.log('tok', t1 - t0, 'scan', performance.now() - t1, hits.length);
}
t0 = performance.now();
const f = foldText(txt.text);
console.log('fold', performance.now() - t0);
t0 = performance.now();
try {
  const m = buildRegex(g.keys);
  console.log('regex build', performance.now() - t0, m.patternChars);
  t0 = performance.now();
  const out: number[] = [];
  regexMatches(m, f, 0, 16384, out);
  console.log('regex 16k', performance.now() - t0, out.length / 2);
  t0 = performance.now();
  regexMatches(m, f, 16384, 65536, out);
  console.log('regex 48k', performance.now() - t0, out.length / 2);
} catch (e) {
  console.log('regex fail', performance.now() - t0, (e as Error).message);
}
