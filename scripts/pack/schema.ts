// npm run pack:schema: writes docs/pack-format.schema.json from the validator the importer uses.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packJsonSchema } from '../../lib/pack/format';

const out = join(import.meta.dirname, '../../docs/pack-format.schema.json');
writeFileSync(out, JSON.stringify(packJsonSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
