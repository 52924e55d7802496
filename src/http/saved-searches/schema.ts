// Request schemas of /api/v1/saved-searches (issue 15, must 5).
import { Type } from '@fastify/type-provider-typebox';

export const SavedSearchBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'What the user calls the search' }),
    query: Type.String({ maxLength: 4000, description: 'The Explorer query string, e.g. `q=sandworm&type=malware&sort=-modified`' }),
  },
  { additionalProperties: false },
);

export const SavedSearchParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Saved search id' }) });
