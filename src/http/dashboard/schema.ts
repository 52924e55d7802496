// Query schemas of the dashboard routes (TypeBox; they make the OpenAPI document).
import { Type } from '@fastify/type-provider-typebox';
import { DEFAULT_DAYS, MAX_DAYS } from '../../domain/dashboard/range.ts';

/** The period every panel answers for (issue 15, must 7). */
export const DashboardQuery = Type.Object(
  {
    days: Type.Integer({
      minimum: 1,
      maximum: MAX_DAYS,
      default: DEFAULT_DAYS,
      description: 'The period, in calendar days (UTC) ending today, that every panel counts (the UI offers 7, 30 and 90)',
    }),
  },
  { additionalProperties: false },
);

export const MarkingsQuery = Type.Object(
  { ids: Type.String({ minLength: 1, maxLength: 20_000, description: 'Comma-separated STIX ids of the objects on screen (at most 500)' }) },
  { additionalProperties: false },
);
