// The alert screens (issue 17) load when first opened, not with every screen (issue 15, must 10:
// a small script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const ListChunk = lazy(() => import('./list.tsx').then((m) => ({ default: m.AlertList })));
const PageChunk = lazy(() => import('./page.tsx').then((m) => ({ default: m.AlertPage })));
const RulesChunk = lazy(() => import('./rules.tsx').then((m) => ({ default: m.AlertRules })));

export const AlertList = () => (
  <OnDemand>
    <ListChunk />
  </OnDemand>
);

export const AlertPage = (props: ComponentProps<typeof PageChunk>) => (
  <OnDemand>
    <PageChunk {...props} />
  </OnDemand>
);

export const AlertRules = () => (
  <OnDemand>
    <RulesChunk />
  </OnDemand>
);
