// The forms that carry the STIX validator load when first opened: the validator's object
// definitions would otherwise add ~100 KB to every screen's script (issue 15, must 10: a small,
// compressed script).
import { lazy, Suspense, type ComponentProps } from 'react';

const ObjectFormChunk = lazy(() => import('./ObjectForm.tsx').then((m) => ({ default: m.ObjectForm })));
const SightingFormChunk = lazy(() => import('./SightingForm.tsx').then((m) => ({ default: m.SightingForm })));
const NewObjectChunk = lazy(() => import('./NewObject.tsx').then((m) => ({ default: m.NewObject })));

const loading = (
  <p className="muted" role="status">
    Loading…
  </p>
);

export const ObjectForm = (props: ComponentProps<typeof ObjectFormChunk>) => (
  <Suspense fallback={loading}>
    <ObjectFormChunk {...props} />
  </Suspense>
);

export const SightingForm = (props: ComponentProps<typeof SightingFormChunk>) => (
  <Suspense fallback={loading}>
    <SightingFormChunk {...props} />
  </Suspense>
);

export const NewObject = (props: ComponentProps<typeof NewObjectChunk>) => (
  <Suspense fallback={loading}>
    <NewObjectChunk {...props} />
  </Suspense>
);
