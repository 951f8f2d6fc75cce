// GET /api/v1/export?format=ndjson|csv: every activity matching the list's filters, streamed
// with backpressure (constant memory), each row exactly once (keyset paging).
import { Router } from 'express';
import type { ActivityRegistry } from '../../activities/registry';
import type { Logger } from '../../logger';
import { exportPages } from '../../queries/activities';
import type { Store } from '../../store/store';
import { EXPORT_ENCODINGS } from '../export/formats';
import { ExportAbortedError, writeExport } from '../export/write-export';
import { activityFilterFrom, checkTypeFilter } from '../filters';
import { defineOperation, mountStream } from '../operation';
import { exportQuery } from '../schemas/activity';

/** Rows fetched per query: big enough to amortise the round trip, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 1000;

export const exportActivities = defineOperation({
  operationId: 'exportActivities',
  method: 'get',
  path: '/export',
  tag: 'Activities',
  summary: 'Export activities as NDJSON or CSV',
  description:
    'Same filters as GET /activities, every matching activity newest first, streamed. A response cut short (the ' +
    'connection closes without the final chunk) is incomplete: retry it.',
  auth: ['export'],
  query: exportQuery,
  responses: {
    200: {
      description: 'The activities',
      media: {
        'application/x-ndjson': { schema: { $ref: '#/components/schemas/Activity' }, description: 'One Activity per line' },
        'text/csv': {
          schema: { type: 'string' },
          description: 'RFC 4180, header row, CRLF; columns: id, workspace_id, type, version, stored_version, occurred_at, received_at, initiator_*, recipient_*, channel_id, source, metadata (JSON)',
        },
      },
    },
  },
});

export function exportRouter(deps: { store: Store; registry: ActivityRegistry; logger?: Logger }): Router {
  const router = Router();

  mountStream(
    router,
    exportActivities,
    async ({ query, principal, req, res }) => {
      const filter = await activityFilterFrom(deps.store, principal.workspaceId, query, deps.registry);
      const encoding = EXPORT_ENCODINGS[query.format];
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      res.status(200);
      res.set({
        'Content-Type': encoding.contentType,
        'Content-Disposition': `attachment; filename="activities-${principal.workspaceId}-${stamp}.${encoding.extension}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      try {
        const rows = await writeExport({ pages: exportPages(deps.store, filter, EXPORT_PAGE_SIZE), encoding, out: res });
        res.end();
        deps.logger?.info({ rows, format: query.format, workspaceId: principal.workspaceId }, 'export finished');
      } catch (error) {
        if (error instanceof ExportAbortedError || req.destroyed) {
          deps.logger?.info({ format: query.format }, 'export abandoned by the client');
          return;
        }
        throw error;
      }
    },
    { checkQuery: checkTypeFilter(deps.registry) },
  );

  return router;
}
