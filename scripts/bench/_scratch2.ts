import { synthGazetteer, synthText } from './synth';
import { compileGazetteer, Gazetteer } from '../../lib/match/gazetteer';
import { tokenize } from '../../lib/text/tokenize';
import { scan } from '../../lib/match/scan';
const N = Number(process.argv[2] ?? 100000);
const g = synthGazetteer(N);
const txt = synthText(g, 1 << 20);
const buf = compileGazetteer(g.entities, g.aliases);
const gz = new Gazetteer(buf);
const t = tokenize(txt.text);
console.log('tokens', t.count);
const xs: number[] = [];
for (let k = 0; k < 30; k++) {
  const t1 = performance.now();
  scan(gz, t);
  xs.push(Math.round(performance.now() - t1));
}
console.log(xs.join(' '));
