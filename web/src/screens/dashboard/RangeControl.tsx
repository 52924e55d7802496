// The period every dashboard panel answers for (issue 15, must 7), kept in the URL (`?days=`) so
// that a reload, a bookmark or a link shows the same period.
import { DEFAULT_DAYS, MAX_DAYS, RANGE_CHOICES } from '../../../../src/domain/dashboard/range.ts';
import { navigate, useLocation } from '../../router.ts';

/** The period in the URL, or the default. */
export function useDays(): number {
  const { query } = useLocation();
  const n = Number(query.get('days'));
  return Number.isInteger(n) && n >= 1 && n <= MAX_DAYS ? n : DEFAULT_DAYS;
}

export function RangeControl({ days }: { days: number }) {
  const { path, query } = useLocation();
  const choose = (n: number): void => {
    const next = new URLSearchParams(query);
    next.set('days', String(n));
    navigate(`${path}?${next.toString()}`, true);
  };
  return (
    <fieldset className="range-control">
      <legend className="sr-only">Period</legend>
      {RANGE_CHOICES.map((n) => (
        <button key={n} type="button" aria-pressed={n === days} className={n === days ? 'on' : ''} onClick={() => choose(n)}>
          {`${n} days`}
        </button>
      ))}
    </fieldset>
  );
}
