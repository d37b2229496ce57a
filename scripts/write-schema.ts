/** Regenerate schema/explain.schema.json from src/cli/explainSchema.ts (npm run schema). */
import { writeFileSync } from 'node:fs';
import { explainJsonSchema } from '../src/cli/explainSchema';

writeFileSync(new URL('../schema/explain.schema.json', import.meta.url), JSON.stringify(explainJsonSchema(), null, 2) + '\n');
