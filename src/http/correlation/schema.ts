// Request schemas of the correlation and warninglist routes (issue 17, must 5, 8).
import { Type } from '@fastify/type-provider-typebox';
import { OBSERVABLE_KINDS } from '../../domain/observables/types.ts';

export const CheckQuery = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 4096, description: 'An IP address or network, domain, URL, e-mail address, hash, …' }),
    kind: Type.Optional(
      Type.Union(
        OBSERVABLE_KINDS.map((k) => Type.Literal(k)),
        { description: 'Kind of value; detected from the value when absent' },
      ),
    ),
  },
  { additionalProperties: false },
);
