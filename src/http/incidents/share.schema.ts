// Request schemas of the cross-border share and handover routes (issue 16, must 6).
import { Type } from '@fastify/type-provider-typebox';

export const IncidentParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'The incident id' }) });

export const ShareBody = Type.Object(
  {
    mode: Type.Union([Type.Literal('whole'), Type.Literal('summary')], {
      description:
        "`whole`: the incident and its work; `summary`: the CSIRT's summary and the NIS2 aggregate fields, without the entity's name",
    }),
    memberStates: Type.Optional(
      Type.Array(Type.String({ minLength: 2, maxLength: 2 }), {
        maxItems: 27,
        description: "Member states whose CSIRTs receive it (ISO 3166-1 alpha-2); default: the incident's member states affected",
      }),
    ),
    summary: Type.Optional(Type.String({ maxLength: 10_000, description: "The CSIRT's summary text (mode summary)" })),
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 250,
        description: "Mode summary: the shared incident's name, when the incident's own names the entity",
      }),
    ),
    tlp: Type.Optional(Type.String({ maxLength: 20, description: "TLP of what is shared; default: the incident's" })),
  },
  { additionalProperties: false },
);

export const HandoverBody = Type.Object(
  {
    org: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'The organisation (id or name, here or at a peer) that coordinates the incident from now on',
    }),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
