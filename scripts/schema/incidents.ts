/**
 * Generates the published backup-file schema from the valibot one (`lib/backup/file.ts`), so the file and
 * the import cannot disagree; `tests/incidents/schema-file.test.ts` fails when the committed file is stale,
 * and `tests/fields/parity.test.ts` checks a JSON Schema validator and the import give the same verdicts.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { BackupFileSchema } from '../../lib/backup/file';
import { EntityIdSchema } from '../../lib/fields/schemas';
import { IncidentSchema } from '../../lib/incidents/schema';

/** Where the generated schema is committed. */
export const SCHEMA_PATH = 'docs/incidents.schema.json';

/** The export file's JSON Schema (draft 2020-12), as the generated file holds it. */
export function incidentsJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(BackupFileSchema, {
    target: 'draft-2020-12',
    definitions: { entityId: EntityIdSchema, incident: IncidentSchema },
    // `check` actions (a day that exists, a URL that parses) have no JSON Schema keyword; each one sits
    // next to a metadata action that states its JSON Schema equivalent (`format`, `maxLength`).
    ignoreActions: ['check', 'trim'],
    // The overlay's names pipe one schema into another (a trimmed string, then a length-checked one).
    typeMode: 'input',
  });
  const { $schema, ...rest } = schema;
  return { $schema, $id: 'https://apt-lens.dev/schemas/incidents-v1.json', ...rest };
}

/** The file's text: two-space JSON and a final newline. */
export function incidentsSchemaText(): string {
  return `${JSON.stringify(incidentsJsonSchema(), null, 2)}\n`;
}
