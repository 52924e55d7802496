// The dashboard's incident panels and its requests for assistance load on demand (issue 15, must
// 10: a small first script); their data hooks (incident-data.ts, assistance-data.ts) stay in it,
// since the dashboard's banner folds their markings in.
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const AssistancePanelChunk = lazy(() => import('./AssistancePanel.tsx').then((m) => ({ default: m.AssistancePanel })));
const IncidentPanelsChunk = lazy(() => import('./IncidentPanels.tsx').then((m) => ({ default: m.IncidentPanels })));

export const IncidentPanels = (props: ComponentProps<typeof IncidentPanelsChunk>) => (
  <OnDemand>
    <IncidentPanelsChunk {...props} />
  </OnDemand>
);

export const AssistancePanel = (props: ComponentProps<typeof AssistancePanelChunk>) => (
  <OnDemand>
    <AssistancePanelChunk {...props} />
  </OnDemand>
);
