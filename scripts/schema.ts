/** `npm run schema`: writes docs/incidents.schema.json from the valibot incident schema. */
import { writeFileSync } from 'node:fs';
import { incidentsSchemaText, SCHEMA_PATH } from './schema/incidents';

writeFileSync(SCHEMA_PATH, incidentsSchemaText());
console.log(`wrote ${SCHEMA_PATH}`);
