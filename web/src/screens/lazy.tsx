// The object page (Markdown, diffs) and the graph (d3) load when first opened, not with every
// screen (issue 15, must 10: a small script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../components/OnDemand.tsx';

const ObjectPageChunk = lazy(() => import('./object/ObjectPage.tsx').then((m) => ({ default: m.ObjectPage })));
const IncidentPageChunk = lazy(() => import('./incidents/page/IncidentPage.tsx').then((m) => ({ default: m.IncidentPage })));
const NewIncidentChunk = lazy(() => import('./incidents/NewIncident.tsx').then((m) => ({ default: m.NewIncident })));
const ReportFormChunk = lazy(() => import('./incidents/ReportForm.tsx').then((m) => ({ default: m.ReportForm })));
const GraphPageChunk = lazy(() => import('./GraphPage.tsx').then((m) => ({ default: m.GraphPage })));

export const ObjectPage = (props: ComponentProps<typeof ObjectPageChunk>) => (
  <OnDemand>
    <ObjectPageChunk {...props} />
  </OnDemand>
);

export const GraphPage = (props: ComponentProps<typeof GraphPageChunk>) => (
  <OnDemand>
    <GraphPageChunk {...props} />
  </OnDemand>
);

// The incident page and its forms (issue 16): opened by those who work on incidents only.
export const IncidentPage = (props: ComponentProps<typeof IncidentPageChunk>) => (
  <OnDemand>
    <IncidentPageChunk {...props} />
  </OnDemand>
);

export const NewIncident = (props: ComponentProps<typeof NewIncidentChunk>) => (
  <OnDemand>
    <NewIncidentChunk {...props} />
  </OnDemand>
);

export const ReportForm = (props: ComponentProps<typeof ReportFormChunk>) => (
  <OnDemand>
    <ReportFormChunk {...props} />
  </OnDemand>
);
