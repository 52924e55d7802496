// The marking definitions this node knows: the built-in TLP markings, Concord's own, and every
// marking-definition held in the store, loaded on first use and again whenever the store's
// marking-definitions changed, whichever process stored them (issue 14: a definition imported
// with `concord import` beside a running node is known to it at once), and extended by each
// import of this process.
import { concordPublishedObjects } from '../domain/markings/concord-markings.ts';
import { MarkingRegistry } from '../domain/markings/registry.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { ObjectRepo, StateWatch } from '../store/repositories.ts';

/** The node's marking registry. */
export class MarkingCatalog {
  private readonly objects: ObjectRepo;
  private readonly state: StateWatch;
  private current: MarkingRegistry | undefined;
  /** The markings version `current` was loaded at. */
  private currentAt: number | undefined;
  private loading: { at: number; registry: Promise<MarkingRegistry> } | undefined;

  constructor(deps: { objects: ObjectRepo; state: StateWatch }) {
    this.objects = deps.objects;
    this.state = deps.state;
  }

  /** The registry, with every marking-definition committed before this call. */
  async registry(): Promise<MarkingRegistry> {
    const at = (await this.state.versions()).markings;
    if (this.current && this.currentAt === at) return this.current;
    if (this.loading?.at !== at) {
      const registry = this.load(at);
      this.loading = { at, registry };
      // A failed load is not kept: the next call tries again.
      const forget = (): void => {
        if (this.loading?.registry === registry) this.loading = undefined;
      };
      registry.then(forget, forget);
    }
    return this.loading.registry;
  }

  /** Replaces the registry by one that knows more (after an import learnt definitions). It is
   *  used until the store's markings version moves (the import's commits move it). */
  update(registry: MarkingRegistry): void {
    if (!this.current || registry.size >= this.current.size) this.current = registry;
  }

  private async load(at: number): Promise<MarkingRegistry> {
    const defs: JsonObject[] = concordPublishedObjects().filter((o) => o.type === 'marking-definition');
    for await (const o of this.objects.scan({ types: ['marking-definition'] })) defs.push(JSON.parse(o.json) as JsonObject);
    let registry = MarkingRegistry.builtIn();
    for (const def of defs) {
      try {
        registry = registry.with([def]);
      } catch {
        // A definition contradicting an earlier one keeps the earlier meaning (registry.ts).
      }
    }
    // A load that started before a newer change is answered to its callers but not kept.
    if (this.loading === undefined || this.loading.at === at) {
      this.current = registry;
      this.currentAt = at;
    }
    return registry;
  }
}
