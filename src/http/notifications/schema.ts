// Request and response schemas of /api/v1/notifications (issue 16, must 7).
import { Type } from '@fastify/type-provider-typebox';

export const NotificationQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only the unread ones' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'How many, newest first' }),
  },
  { additionalProperties: false },
);

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500, description: 'These notifications' })),
    all: Type.Optional(Type.Literal(true, { description: 'Every unread notification of yours' })),
  },
  { additionalProperties: false, description: 'Either `ids` or `all: true`' },
);

const NotificationView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'reminder, overdue, report-submitted, answer, intermediate-requested, shared, handover' }),
  incidentId: Type.String(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

export const NotificationPage = Type.Object({
  items: Type.Array(NotificationView),
  unread: Type.Integer({ description: 'How many of your notifications are unread' }),
});
