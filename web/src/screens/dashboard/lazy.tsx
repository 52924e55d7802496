// The dashboard's incident panels load on demand (issue 15, must 10: a small first script); their
// data hook (incident-data.ts) stays in it, since the dashboard's banner folds their marking in.
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const IncidentPanelsChunk = lazy(() => import('./IncidentPanels.tsx').then((m) => ({ default: m.IncidentPanels })));

export const IncidentPanels = (props: ComponentProps<typeof IncidentPanelsChunk>) => (
  <OnDemand>
    <IncidentPanelsChunk {...props} />
  </OnDemand>
);
