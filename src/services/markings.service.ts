// The marking definitions this node knows: the built-in TLP markings, Concord's own, and every
// marking-definition held in the store, loaded once and extended by each import.
import { concordPublishedObjects } from '../domain/markings/concord-markings.ts';
import { MarkingRegistry } from '../domain/markings/registry.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { ObjectRepo } from '../store/repositories.ts';

/** The node's marking registry. */
export class MarkingCatalog {
  private readonly objects: ObjectRepo;
  private current: MarkingRegistry | undefined;
  private loading: Promise<MarkingRegistry> | undefined;

  constructor(deps: { objects: ObjectRepo }) {
    this.objects = deps.objects;
  }

  /** The registry, loading the store's marking definitions on first use. */
  async registry(): Promise<MarkingRegistry> {
    if (this.current) return this.current;
    this.loading ??= this.load();
    return this.loading;
  }

  /** Replaces the registry by one that knows more (after an import learnt definitions). */
  update(registry: MarkingRegistry): void {
    if (!this.current || registry.size >= this.current.size) this.current = registry;
  }

  private async load(): Promise<MarkingRegistry> {
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
    this.current = registry;
    return registry;
  }
}
