// The marking banner (CONVENTIONS.md, Front end): the most restrictive TLP and the highest
// classification of what is on screen, in the usual TLP 2.0 colours on black (FIRST TLP 2.0).
import type { BannerMarks } from '../api/objects.ts';

export const TLP_COLOURS: Record<string, string> = {
  clear: '#FFFFFF',
  green: '#33FF00',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  red: '#FF2B2B',
};

/** `TLP:AMBER+STRICT` */
export const tlpText = (tlp: string): string => `TLP:${tlp.toUpperCase()}`;

export function MarkingBanner({ banner, position }: { banner: BannerMarks | undefined; position: 'top' | 'bottom' }) {
  const tlp = banner?.tlp ?? null;
  const classification = banner?.classifications.length ? banner.classifications.join(' / ') : 'UNCLASSIFIED';
  // Releasable only where every object on screen is; restrictions that share no one leave none.
  const rel = banner?.releasableTo.length ? `REL TO ${banner.releasableTo.join(', ')}` : banner?.restricted ? 'NOT RELEASABLE' : null;
  return (
    <div
      className={`marking-banner ${position}`}
      role="note"
      aria-label={`Marking of this page (${position})`}
      data-testid={`marking-banner-${position}`}
    >
      <span className="classification">{classification}</span>
      {rel && <span className="rel">{rel}</span>}
      {tlp ? (
        <span className="tlp" style={{ color: TLP_COLOURS[tlp] ?? '#fff' }} data-tlp={tlp}>
          {tlpText(tlp)}
        </span>
      ) : (
        <span className="tlp muted">no marked data on screen</span>
      )}
    </div>
  );
}

/** A TLP chip for a table cell. */
export function TlpChip({ tlp }: { tlp: string | undefined }) {
  if (!tlp) return <span className="muted">—</span>;
  return (
    <span className="tlp-chip" style={{ color: TLP_COLOURS[tlp] ?? '#fff' }}>
      {tlpText(tlp)}
    </span>
  );
}
