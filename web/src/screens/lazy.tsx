// The object page (Markdown, diffs) and the graph (d3) load when first opened, not with every
// screen (issue 15, must 10: a small script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../components/OnDemand.tsx';

const ObjectPageChunk = lazy(() => import('./object/ObjectPage.tsx').then((m) => ({ default: m.ObjectPage })));
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
