// How the sighting API answers beyond the service's views (issue 17, must 8).
import type { RecordedSighting } from '../../services/sighting.service.ts';

/** The body of POST /sightings for a NewSighting: the STIX object stored and the caller's view
 *  of it (the view's `marking` is the banner of that one sighting). */
export function recordedBody(r: RecordedSighting): { object: RecordedSighting['object']; sighting: RecordedSighting['sighting'] } {
  return { object: r.object, sighting: r.sighting };
}

/** Whether a POST /sightings body is the write API's STIX form (sighting_of_ref …), which the
 *  write service stores as it did before issue 17, rather than a NewSighting. */
export function isStixForm(body: object): body is { sighting_of_ref: string } {
  return 'sighting_of_ref' in body;
}
