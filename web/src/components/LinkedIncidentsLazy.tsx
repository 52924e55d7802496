// The incidents an object is linked to, loaded on demand under lookup results (issue 15, must 10:
// a small first script). No "Loading…" line: the section shows only when there are incidents.
import { lazy, Suspense, type ComponentProps } from 'react';

const LinkedIncidentsChunk = lazy(() => import('./LinkedIncidents.tsx').then((m) => ({ default: m.LinkedIncidents })));

export const LinkedIncidents = (props: ComponentProps<typeof LinkedIncidentsChunk>) => (
  <Suspense fallback={null}>
    <LinkedIncidentsChunk {...props} />
  </Suspense>
);
