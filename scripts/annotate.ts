/**
 * npm run -s annotate -- [--pack FILE]... [--lines] [--date YYYY-MM-DD] FILE
 *
 * Prints the mentions found in FILE as JSON lines (see README, "Command line").
 */
import { readFileSync } from 'node:fs';
import { annotate } from '../lib/match/annotate';
import { PackError } from '../lib/pack/errors';
import { loadDefaultPack, loadPack, matcherFor, type LoadedPack } from './lib/packs';

function usage(msg: string): never {
  process.stderr.write(`annotate: ${msg}\nusage: npm run -s annotate -- [--pack FILE]... [--lines] [--date YYYY-MM-DD] FILE\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const packFiles: string[] = [];
  let lines = false;
  let date: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--pack') packFiles.push(args[++i] ?? usage('--pack needs a file'));
    else if (a === '--lines') lines = true;
    else if (a === '--date') {
      date = args[++i] ?? usage('--date needs YYYY-MM-DD');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) usage(`--date must be YYYY-MM-DD, got "${date}"`);
    } else if (a === '--help' || a === '-h') usage('help');
    else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (file) usage('one input FILE only');
    else file = a;
  }
  if (!file) usage('no input FILE');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (e) {
    usage(`cannot read ${file} as UTF-8 text: ${(e as Error).message}`);
  }
  let packs: LoadedPack[];
  try {
    packs = packFiles.length ? packFiles.map((p, i) => loadPack(p, i)) : [await loadDefaultPack()];
  } catch (e) {
    const where = e instanceof PackError ? '' : ' (could not read it)';
    process.stderr.write(`annotate: pack error${where}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const m = matcherFor(packs);
  // Entities that did not exist yet on the document's date cannot be meant by it.
  const notYet = new Set<string>();
  if (date)
    for (const p of packs)
      for (const e of p.entities)
        for (const f of e.facts ?? []) if ((f.key === 'founded' || f.key === 'born') && f.date && f.date.slice(0, 10) > date) notYet.add(e.id);
  const docs = lines ? text.replace(/\r?\n$/, '').split(/\r?\n/) : [text];
  const out: string[] = [];
  docs.forEach((doc, i) => {
    const mentions = annotate(m.g, doc, [], notYet.size ? (id) => notYet.has(id) : undefined).map((x) => {
      const e = m.entity(x.entityId);
      return {
        start: x.start,
        end: x.end,
        text: x.text,
        entityId: x.entityId,
        label: e?.label.ar ?? x.entityId,
        ...(e?.label.en ? { labelEn: e.label.en } : {}),
        type: x.type,
        adjective: x.adjective,
        confidence: x.confidence,
        alternatives: x.alternatives,
      };
    });
    out.push(JSON.stringify({ line: i + 1, mentions }));
  });
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`annotate: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
