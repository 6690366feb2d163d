/** `npm run pack:check`: validates data/editorial alone and prints every problem. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEditorial, unresolvedRefs } from './editorial';

const dir = join(import.meta.dirname, '../../data/editorial');
const { editorial, problems } = readEditorial(dir);
const qids = new Set<string>();
for (const line of readFileSync(join(dir, 'places-ref.tsv'), 'utf8').split('\n').slice(1)) {
  const q = line.split('\t')[1];
  if (q) qids.add(q);
}
const refs = unresolvedRefs(editorial, qids);
for (const m of problems) console.error(`error: ${m}`);
for (const m of refs) console.error(`unresolved: ${m}`);
const byFile = new Map<string, { entities: number; events: number; places: number }>();
const bump = (f: string, k: 'entities' | 'events' | 'places') => {
  const c = byFile.get(f) ?? { entities: 0, events: 0, places: 0 };
  c[k]++;
  byFile.set(f, c);
};
editorial.entities.forEach((e) => bump(e.file, 'entities'));
editorial.events.forEach((e) => bump(e.file, 'events'));
editorial.places.forEach((e) => bump(e.file, 'places'));
for (const [f, c] of byFile) console.log(`${f}: ${c.entities} entities, ${c.events} events, ${c.places} places`);
console.log(
  `total: ${editorial.entities.length} entities, ${editorial.events.length} events, ${editorial.places.length} places; ${problems.length} errors, ${refs.length} unresolved refs`,
);
process.exit(problems.length ? 1 : 0);
