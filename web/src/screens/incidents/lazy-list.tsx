// The incident screens that list and count load when first opened, not with every screen
// (issue 15, must 10: a small script).
import { lazy } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const ListChunk = lazy(() => import('./list.tsx').then((m) => ({ default: m.IncidentList })));
const InboxChunk = lazy(() => import('./inbox.tsx').then((m) => ({ default: m.IncidentInbox })));
const SummaryChunk = lazy(() => import('./summary.tsx').then((m) => ({ default: m.IncidentSummary })));

export const IncidentList = () => (
  <OnDemand>
    <ListChunk />
  </OnDemand>
);

export const IncidentInbox = () => (
  <OnDemand>
    <InboxChunk />
  </OnDemand>
);

export const IncidentSummary = () => (
  <OnDemand>
    <SummaryChunk />
  </OnDemand>
);
