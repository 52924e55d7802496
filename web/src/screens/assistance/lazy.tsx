// The rapid-response screens (issue 18) load when first opened, not with every screen (issue 15,
// must 10: a small script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const BoardChunk = lazy(() => import('./board.tsx').then((m) => ({ default: m.RequestsBoard })));
const RequestChunk = lazy(() => import('./request-page.tsx').then((m) => ({ default: m.RequestPage })));

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
