// One submitted NIS2 report as a document (issue 16, must 4): the incident it is about, its stage,
// when it was submitted and every field with its label. Printed (or saved as PDF through the
// browser's print dialog) it stands alone: the marking banner top and bottom, the shell hidden
// (incidents-page.css, @media print).
import type { IncidentDetail, ReportView } from '../../api/incidents.ts';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { bannerOfMarking } from './banner.ts';
import { sectorText } from './choices.ts';
import { STAGE_NAMES } from './clock.tsx';
import { fieldsOf, valueText } from './report-fields.ts';

export const reportTitle = (r: ReportView): string => STAGE_NAMES[r.stage] + (r.request === null ? '' : ` ${r.request + 1}`);

/** Prints the report document `elementId` alone: the page marks it, the print stylesheet shows
 *  only it, and the marks go once the print dialog closes. */
export function printReport(elementId: string): void {
  const el = document.getElementById(elementId);
  if (!el) return;
  document.body.classList.add('printing-report');
  el.classList.add('print-target');
  const done = (): void => {
    document.body.classList.remove('printing-report');
    el.classList.remove('print-target');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

export function ReportDocument({ detail, report }: { detail: IncidentDetail; report: ReportView }) {
  const r = detail.row;
  const banner = bannerOfMarking(r.marking);
  const docId = `report-doc-${report.id}`;
  const facts: [string, string][] = [
    ['Incident', r.name],
    ['Entity', r.ownerName],
    ['Sector', sectorText(r.sector, r.subsector)],
    ['Member states affected', r.memberStates.join(', ') || '—'],
    ['Became aware', formatDateTime(r.awareAt)],
    ['Stage', reportTitle(report)],
    ['Submitted', formatDateTime(report.submittedAt)],
    ['Version', String(report.versions + 1)],
  ];
  return (
    <article className="report-doc" id={docId} aria-labelledby={`${docId}-title`}>
      <div className="print-only">
        <MarkingBanner banner={banner} position="top" />
      </div>
      <header className="report-doc-head">
        <h3 id={`${docId}-title`}>
          {reportTitle(report)} · submitted {formatDateTime(report.submittedAt)}
        </h3>
        <button type="button" className="ghost no-print" onClick={() => printReport(docId)}>
          Print or save as PDF
        </button>
      </header>
      <dl className="report-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <dl className="report-fields">
        {fieldsOf(report.stage).map((f) => (
          // Empty fields are printed (every field with its label) but not listed on screen.
          <div key={f.field} className={valueText(report.content, f.field) === '—' ? 'empty' : undefined}>
            <dt>{f.label}</dt>
            <dd>{valueText(report.content, f.field)}</dd>
          </div>
        ))}
      </dl>
      <div className="print-only">
        <MarkingBanner banner={banner} position="bottom" />
      </div>
    </article>
  );
}
