// How the incident reads are presented on the wire beyond their JSON views (issue 16, must 8):
// the quarterly summary as a CSV file for the single point of contact to send on.
import { type QuarterlySummary, summaryCsv } from '../../domain/incidents/summary.ts';

/** The CSV body and the file name it is offered under (the period's first and last day). */
export function summaryFile(summary: QuarterlySummary): { name: string; body: string } {
  const last = new Date(Date.parse(summary.to) - 1).toISOString().slice(0, 10);
  return { name: `nis2-summary-${summary.from.slice(0, 10)}-to-${last}.csv`, body: summaryCsv(summary) };
}
