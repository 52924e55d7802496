// The sighting form loads when first opened (issue 15, must 10: a small script for every
// screen): the lookup, in the first script, offers it beside every match.
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const SightingFormChunk = lazy(() => import('./SightingForm.tsx').then((m) => ({ default: m.SightingForm })));

export const SightingForm = (props: ComponentProps<typeof SightingFormChunk>) => (
  <OnDemand>
    <SightingFormChunk {...props} />
  </OnDemand>
);
