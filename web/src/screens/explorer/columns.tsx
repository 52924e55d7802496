// The Explorer's columns (issue 15, must 5): selection, type, name with its flags (revoked,
// deprecated, system), owner organisation, labels, confidence, TLP chip, last modified.
import { displayName, type ObjectMarking, type Stix } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { TlpChip } from '../../components/MarkingBanner.tsx';
import type { Column } from '../../components/VirtualTable.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { objectPath } from '../../router.ts';
import { isDeprecated, isSystemObject } from '../../../../src/domain/explorer/rules.ts';

export interface ColumnContext {
  markings: ReadonlyMap<string, ObjectMarking>;
  /** Owner organisation's name by object id. */
  owners: ReadonlyMap<string, string>;
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  allSelected: boolean;
  toggleAll: () => void;
}

function Flags({ o }: { o: Stix }) {
  return (
    <>
      {o['revoked'] === true && <span className="flag flag-revoked">revoked</span>}
      {isDeprecated(o) && <span className="flag flag-deprecated">deprecated</span>}
      {isSystemObject(o) && <span className="flag">system</span>}
    </>
  );
}

const labelsOf = (o: Stix): string[] => (Array.isArray(o['labels']) ? o['labels'].map(String) : []);

export function explorerColumns(c: ColumnContext): Column<Stix>[] {
  return [
    {
      key: 'select',
      header: 'Select',
      width: '28px',
      headerCell: <input type="checkbox" aria-label="Select all loaded rows" checked={c.allSelected} onChange={c.toggleAll} />,
      render: (o) => (
        <input type="checkbox" aria-label={`Select ${displayName(o)}`} checked={c.selected.has(o.id)} onChange={() => c.toggle(o.id)} />
      ),
    },
    { key: 'type', header: 'Type', width: '120px', sortable: true, render: (o) => <span className="type-tag">{o.type}</span> },
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(180px, 2fr)',
      sortable: true,
      render: (o) => (
        <>
          <Link to={objectPath(o.id)} className={o['revoked'] === true || isDeprecated(o) ? 'struck' : undefined}>
            {displayName(o)}
          </Link>
          <Flags o={o} />
        </>
      ),
    },
    {
      key: 'owner',
      header: 'Owner',
      width: 'minmax(110px, 1.2fr)',
      render: (o) => <span>{c.owners.get(o.id) ?? '—'}</span>,
    },
    {
      key: 'labels',
      header: 'Labels',
      width: 'minmax(100px, 1fr)',
      render: (o) => <span title={labelsOf(o).join(', ')}>{labelsOf(o).join(', ') || <span className="muted">—</span>}</span>,
    },
    {
      key: 'confidence',
      header: 'Conf.',
      width: '48px',
      render: (o) => (typeof o['confidence'] === 'number' ? String(o['confidence']) : <span className="muted">—</span>),
    },
    { key: 'tlp', header: 'TLP', width: '118px', render: (o) => <TlpChip tlp={c.markings.get(o.id)?.tlp} /> },
    { key: 'modified', header: 'Modified', width: '150px', sortable: true, render: (o) => formatDateTime(o.modified ?? o.created) },
  ];
}
