// /api/v1/dashboard and /api/v1/markings: situational-awareness aggregates and the marking banner
// of what a screen shows, both computed over what the caller may read only (DESIGN.md principle 2),
// and the classification schemes this node knows (for choosing levels: clearances, accreditation).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import type { DashboardService } from '../../services/dashboard.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { DashboardQuery, MarkingsQuery } from './schema.ts';

/** Dashboard routes; mount under /api/v1. */
export function dashboardRoutes(dashboard: DashboardService, schemes: SchemeRegistry): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/dashboard',
      {
        schema: {
          summary:
            'For the last `days`: counts by type, TLP and classification, activity by the objects’ own time, countries where threats were sighted and targets are, most active threats, latest shared objects; of what the caller may read',
          tags: ['dashboard'],
          querystring: DashboardQuery,
        },
      },
      async (req) => dashboard.summary(principalOf(req), req.query.days),
    );
    app.get(
      '/markings',
      {
        schema: {
          summary:
            'The marking banner of objects on screen: most restrictive TLP, highest classification, releasability (readable objects only)',
          tags: ['dashboard'],
          querystring: MarkingsQuery,
        },
      },
      async (req) => {
        const ids = req.query.ids
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
          .slice(0, 500);
        return dashboard.banner(principalOf(req), ids);
      },
    );
    // Node configuration, not data: every signed-in user may see which levels exist.
    app.get(
      '/markings/schemes',
      { schema: { summary: 'The classification schemes of this node, each with its levels, lowest first', tags: ['dashboard'] } },
      async (req) => {
        principalOf(req);
        return { schemes: schemes.all().map((s) => ({ id: s.id, name: s.name, levels: [...s.levels] })) };
      },
    );
  };
}
