// The forms that carry the STIX validator load when first opened: the validator's object
// definitions would otherwise add ~100 KB to every screen's script (issue 15, must 10: a small,
// compressed script).
import { lazy, type ComponentProps } from 'react';
import { OnDemand } from '../../components/OnDemand.tsx';

const ObjectFormChunk = lazy(() => import('./ObjectForm.tsx').then((m) => ({ default: m.ObjectForm })));
const NewObjectChunk = lazy(() => import('./NewObject.tsx').then((m) => ({ default: m.NewObject })));

export const ObjectForm = (props: ComponentProps<typeof ObjectFormChunk>) => (
  <OnDemand>
    <ObjectFormChunk {...props} />
  </OnDemand>
);

export const NewObject = (props: ComponentProps<typeof NewObjectChunk>) => (
  <OnDemand>
    <NewObjectChunk {...props} />
  </OnDemand>
);
