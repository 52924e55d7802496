// Rapid response's services (issue 18): built here and spread into the services (index.ts).
// TEMPORARY: the services are being built; every call fails until then.
import type { AssistanceServices } from './assistance.api.ts';

function unbuilt<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_t, key) => () => Promise.reject(new Error(`${name}.${String(key)} is not built yet`)),
  });
}

/** Builds rapid response's services. */
export function buildAssistance(): AssistanceServices {
  return {
    requests: unbuilt('requests'),
    matching: unbuilt('matching'),
    deployments: unbuilt('deployments'),
    roster: unbuilt('roster'),
  };
}
