// External references (STIX 2.1 §2.5) as links: the url when it is safe, else the source and its
// external id as text. Each row has the anchor the description's citations point to.
import { referenceAnchor } from '../../format/citations.ts';
import { type ExternalReference, isSafeHref } from '../../format/external-ids.ts';

export function References({ refs }: { refs: readonly ExternalReference[] }) {
  if (refs.length === 0) return <p className="muted">No external references.</p>;
  return (
    <ol className="references" aria-label="External references">
      {refs.map((r, i) => {
        const text = r.external_id ? `${r.source_name}: ${r.external_id}` : r.source_name;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: references may repeat; the list is the object's, never reordered, and its position is the citation anchor
          <li key={i} id={referenceAnchor(i)}>
            {r.url && isSafeHref(r.url) ? (
              <a href={r.url} target="_blank" rel="noopener noreferrer">
                {text}
              </a>
            ) : (
              <span>{text}</span>
            )}
            {r.description && <span className="muted"> — {r.description}</span>}
          </li>
        );
      })}
    </ol>
  );
}
