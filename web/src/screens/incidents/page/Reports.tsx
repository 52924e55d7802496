// The incident's NIS2 reports (issue 16, must 4): each as a document that prints alone, newest
// first.
import type { IncidentDetail } from '../../../api/incidents.ts';
import { ReportDocument } from '../ReportDocument.tsx';

export function Reports({ detail }: { detail: IncidentDetail }) {
  const reports = [...detail.reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return (
    <div className="incident-tab">
      {reports.length === 0 && <p className="muted">No report submitted yet.</p>}
      {reports.map((r) => (
        <ReportDocument key={r.id} detail={detail} report={r} />
      ))}
    </div>
  );
}
