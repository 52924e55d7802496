// Screens and forms whose code loads when first shown (issue 15, must 10: a small script for
// every screen): the object page's Markdown and diff libraries, the graph's d3 modules and the
// STIX validator the forms carry would otherwise weigh on the first load of every screen.
import { Suspense, type ReactNode } from 'react';

/** Shows `children` once their code has loaded, and says so meanwhile. */
export function OnDemand({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
