// The rapid-response screens (issue 18) load when first opened, not with every screen (issue 15,
// must 10: a small script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const BoardChunk = lazy(() => import('./board.tsx').then((m) => ({ default: m.RequestsBoard })));
const RequestChunk = lazy(() => import('./request-page.tsx').then((m) => ({ default: m.RequestPage })));
const AskChunk = lazy(() => import('./ask-form.tsx').then((m) => ({ default: m.AskForm })));
const EditChunk = lazy(() => import('./ask-form.tsx').then((m) => ({ default: m.EditRequest })));
const OfferChunk = lazy(() => import('./offer-form.tsx').then((m) => ({ default: m.OfferForm })));
const RosterChunk = lazy(() => import('./roster.tsx').then((m) => ({ default: m.Roster })));
const DeploymentChunk = lazy(() => import('./deployment-page.tsx').then((m) => ({ default: m.DeploymentPage })));
const AfterActionChunk = lazy(() => import('./after-action.tsx').then((m) => ({ default: m.AfterActionForm })));

export const RequestsBoard = () => (
  <OnDemand>
    <BoardChunk />
  </OnDemand>
);

export const RequestPage = (props: ComponentProps<typeof RequestChunk>) => (
  <OnDemand>
    <RequestChunk {...props} />
  </OnDemand>
);

export const AskForm = (props: ComponentProps<typeof AskChunk>) => (
  <OnDemand>
    <AskChunk {...props} />
  </OnDemand>
);

export const EditRequest = (props: ComponentProps<typeof EditChunk>) => (
  <OnDemand>
    <EditChunk {...props} />
  </OnDemand>
);

export const OfferForm = (props: ComponentProps<typeof OfferChunk>) => (
  <OnDemand>
    <OfferChunk {...props} />
  </OnDemand>
);

export const Roster = () => (
  <OnDemand>
    <RosterChunk />
  </OnDemand>
);

export const DeploymentPage = (props: ComponentProps<typeof DeploymentChunk>) => (
  <OnDemand>
    <DeploymentChunk {...props} />
  </OnDemand>
);

export const AfterActionForm = (props: ComponentProps<typeof AfterActionChunk>) => (
  <OnDemand>
    <AfterActionChunk {...props} />
  </OnDemand>
);
