// The audit log as one administrator may read it (issue 14): entries name an object only to a
// reader the access gate lets read it; the others see how many ids were withheld. The gate is
// the one that decides every other read (DESIGN.md principle 2); nothing here decides access.
import { namedObjects, withholdUnreadable, type PresentedAuditEntry } from '../domain/audit/named-objects.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { AuditListRequest } from '../domain/audit/types.ts';
import type { Page } from '../domain/objects/types.ts';
import { readAs, type ReadAs } from './access-gate.ts';
import type { AuditService } from './audit.service.ts';

/** Ids asked of the gate per query (a page of 500 entries may name 100 ids each). */
const CHUNK = 1000;

/** What the view asks the access gate (services/access-gate.ts). */
export interface ReadableIds {
  visibleIds(as: ReadAs, ids: readonly string[]): Promise<Set<string>>;
}

/** Lists audit entries for a reader. */
export class AuditView {
  private readonly audit: AuditService;
  private readonly gate: ReadableIds;

  constructor(deps: { audit: AuditService; gate: ReadableIds }) {
    this.audit = deps.audit;
    this.gate = deps.gate;
  }

  /** One page of entries, newest first, without the ids of objects `principal` may not read. */
  async list(principal: Principal, request: AuditListRequest): Promise<Page<PresentedAuditEntry>> {
    const page = await this.audit.list(request);
    const named = [...new Set(page.items.flatMap(namedObjects))];
    if (named.length === 0) return page;
    const readable = new Set<string>();
    for (let i = 0; i < named.length; i += CHUNK) {
      for (const id of await this.gate.visibleIds(readAs(principal), named.slice(i, i + CHUNK))) readable.add(id);
    }
    return { items: page.items.map((e) => withholdUnreadable(e, readable)), next: page.next };
  }
}
