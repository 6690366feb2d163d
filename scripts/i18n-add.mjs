#!/usr/bin/env node
// Adds or replaces interface strings in public/_locales/{ar,en}/messages.json.
// Usage: node scripts/i18n-add.mjs strings.json   where strings.json is
//   { "key": ["Arabic text", "English text"], ... }   ($1, $2 are placeholders)
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
const add = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const [lang, i] of [
  ['ar', 0],
  ['en', 1],
]) {
  const path = new URL(`../public/_locales/${lang}/messages.json`, import.meta.url);
  const cur = JSON.parse(readFileSync(path, 'utf8'));
  for (const [key, texts] of Object.entries(add)) {
    if (!/^[a-z0-9_]+$/i.test(key)) throw new Error(`bad key ${key}`);
    let message = texts[i];
    const placeholders = {};
    message = message.replace(/\$(\d)/g, (_, n) => {
      placeholders[`p${n}`] = { content: `$${n}` };
      return `$P${n}$`;
    });
    cur[key] = Object.keys(placeholders).length ? { message, placeholders } : { message };
  }
  const tmp = new URL(`../public/_locales/${lang}/messages.json.tmp`, import.meta.url);
  writeFileSync(tmp, JSON.stringify(cur, null, 2) + '\n');
  renameSync(tmp, path);
}
console.log(`added ${Object.keys(add).length} strings`);
