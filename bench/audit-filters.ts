// The audit list with filters on a large log (issue 15, must 9): 200,000 entries written
// straight into a fresh store (the chain is not what is measured), then the first page of the
// unfiltered list against the first page under each filter, and twenty keyset pages under a
// filter, on every engine the tests run on (PostgreSQL with CONCORD_TEST_DATABASE_URL).
//   node bench/audit-filters.ts [entries=200000]
import { ENGINES } from '../test/helpers/store-engines.ts';
import { AuditService } from '../src/services/audit.service.ts';
import type { AuditListRequest } from '../src/domain/audit/types.ts';

const N = Number(process.argv[2] ?? 200_000);
const ACTIONS = [
  'import',
  'feed.pull',
  'auth.login',
  'token.used',
  'object.read_classified',
  'export',
  'peer.pull',
  'collection.add',
  'admin.user.update',
  'feed.add',
];
/** Entries are ten seconds apart from this instant (2024-11-30T20:53:20Z). */
const START = 1_733_000_000;

function seedSql(engine: string): string[] {
  const actions = ACTIONS.map((a) => `'${a}'`).join(',');
  if (engine === 'sqlite') {
    return [
      `insert into audit_log (seq, at, actor, action, target, details, prev_hash, hash)
       with recursive s(i) as (select 1 union all select i + 1 from s where i < ${N})
       select i, strftime('%Y-%m-%dT%H:%M:%fZ', ${START} + i * 10, 'unixepoch'), 'user:user' || (i % 50),
         case i % 10 ${ACTIONS.map((a, k) => `when ${k} then '${a}'`).join(' ')} end,
         case when i % 3 = 0 then 'indicator--' || printf('%08d', i) || '-0000-4000-8000-000000000000' end,
         '{"file":"bundle-' || i || '.json","note":"word' || (i % 997) || '"}', 'x', 'y' from s`,
      `update audit_head set seq = ${N}`,
      'analyze',
    ];
  }
  return [
    `insert into audit_log (seq, at, actor, action, target, details, prev_hash, hash)
     select i, to_char(to_timestamp(${START} + i * 10) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'user:user' || (i % 50),
       (array[${actions}])[i % 10 + 1],
       case when i % 3 = 0 then 'indicator--' || lpad(i::text, 8, '0') || '-0000-4000-8000-000000000000' end,
       '{"file":"bundle-' || i || '.json","note":"word' || (i % 997) || '"}', 'x', 'y' from generate_series(1, ${N}) i`,
    `update audit_head set seq = ${N}`,
    'analyze audit_log',
  ];
}

const at = (i: number): string => new Date((START + i * 10) * 1000).toISOString();
const CASES: [string, Omit<AuditListRequest, 'limit'>][] = [
  ['unfiltered', {}],
  ['action=import', { action: 'import' }],
  ['actor=user:user7', { actor: 'user:user7' }],
  ['target (one object)', { target: `indicator--${String(Math.floor(N / 2 / 3) * 3).padStart(8, '0')}-0000-4000-8000-000000000000` }],
  ['since/until (one hour, mid-log)', { since: at(N / 2), until: at(N / 2 + 360) }],
  ['action + since (recent day)', { action: 'feed.pull', since: at(N - 8640) }],
  ['q, common word ("bundle")', { q: 'bundle' }],
  ['q, one entry ("bundle-1234.json")', { q: 'bundle-1234.json' }],
  ['q + action, no match', { q: 'no such words', action: 'export' }],
];

async function time(f: () => Promise<unknown>): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await f();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
}

for (const engine of ENGINES) {
  if (engine.skip) {
    console.log(`${engine.name}: skipped (${engine.skip})`);
    continue;
  }
  const location = await engine.create();
  try {
    await (await location.open()).close();
    const seeded = performance.now();
    await location.exec(seedSql(engine.name));
    console.log(`${engine.name}: ${N} entries written in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const store = await location.open();
    const audit = new AuditService({ audit: store.audit });
    for (const [name, filters] of CASES) {
      let found = 0;
      const ms = await time(async () => {
        found = (await audit.list({ limit: 50, ...filters })).items.length;
      });
      console.log(`  ${name.padEnd(36)} ${ms.toFixed(1).padStart(8)} ms  (${found} on the first page)`);
    }
    const paged = await time(async () => {
      let after: number | undefined;
      for (let p = 0; p < 20; p++) {
        const page = await audit.list({ limit: 50, action: 'import', ...(after !== undefined ? { after } : {}) });
        if (page.next === null) break;
        after = page.next;
      }
    });
    console.log(`  ${'20 pages of 50, action=import'.padEnd(36)} ${paged.toFixed(1).padStart(8)} ms`);
    await store.close();
  } finally {
    await location.dispose();
  }
}
