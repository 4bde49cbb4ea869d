/**
 * Generates the published incidents schema from the valibot one, so the file and the import cannot
 * disagree; `tests/incidents/schema-file.test.ts` fails when the committed file is stale.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { EntityIdSchema, ExportFileSchema, IncidentSchema } from '../../lib/incidents/schema';
import { OverlayFileSchema } from '../../lib/overlay/model';

/**
 * The export file with its optional `overlay` field. The overlay's schema builds on the incident schema's
 * pieces, so the incident module cannot name it (the import would go round in a circle): the two meet here,
 * and the import checks the overlay's entries with the overlay's own schema.
 */
const [fileObject, ...fileMeta] = ExportFileSchema.pipe;
const FileSchema = v.pipe(
  v.object({
    ...fileObject.entries,
    overlay: v.optional(
      v.pipe(
        OverlayFileSchema,
        v.description(
          "The reader's own KB: their actors and agencies (ids ours-…) and the names they added to bundled entities. On import an entry not stored is added and a newer one (updatedAt) replaces the stored one; if any entry cannot be stored, nothing is imported.",
        ),
      ),
    ),
  }),
  ...fileMeta,
);

/** Where the generated schema is committed. */
export const SCHEMA_PATH = 'docs/incidents.schema.json';

/** The export file's JSON Schema (draft 2020-12), as the generated file holds it. */
export function incidentsJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(FileSchema, {
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
