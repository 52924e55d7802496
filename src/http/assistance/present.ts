// What the assistance routes add to the services' answers (issue 18, must 8): the live stream of
// changed requests, narrowed to those each reader may read.
import type { Principal } from '../../domain/identity/principal.ts';
import { authorize } from '../../domain/access/permissions.ts';
import { NotFoundError } from '../../errors.ts';
import type { RequestsApi } from '../../services/assistance.api.ts';
import type { Subscribe } from '../events/stream.ts';

/** The ids of `ids` that `p` may read: a request outside the reader's audience answers 404, and
 *  its id must not reach the reader's stream either (must 9: no read path reveals it). */
export async function readableIds(requests: RequestsApi, p: Principal, ids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) {
    try {
      await requests.get(p, id);
      out.push(id);
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
    }
  }
  return out;
}

/**
 * The subscription of GET /assistance/requests/stream: `{ requestIds }` of the requests whose picture
 * changed (new, updated, offered to, decided, deployed) that the reader may read. Refused at once
 * (403) without `assistance.read`: `onChanged` takes no principal, so the permission table is
 * asked here, as the services ask it at entry.
 */
export function changedRequests(requests: RequestsApi): Subscribe {
  return (p, forward) => {
    authorize(p, 'assistance.read');
    return requests.onChanged((ids) => {
      readableIds(requests, p, ids).then(
        (readable) => {
          if (readable.length > 0) forward({ requestIds: readable });
        },
        () => undefined, // the next change sends the picture again; a stream is no place for a 500
      );
    });
  };
}
