// A day typed as ISO 8601, yyyy-mm-dd (issue 15, must 10). Not <input type="date">: Chromium shows
// and takes that in the browser's locale (mm/dd/yyyy in en-US), never in the form the rest of the
// UI writes. An impossible day (2026-02-30) fails the form's own validation, so it is never sent.
import { isIsoDay } from '../format/dates.ts';

/** A labelled field (the label wraps it, as the other filters' labels do). */
export function DayInput({
  label,
  name,
  value,
  onChange,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (day: string) => void;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="text"
        inputMode="numeric"
        placeholder="yyyy-mm-dd"
        pattern="\d{4}-\d{2}-\d{2}"
        title="A day as yyyy-mm-dd"
        size={10}
        value={value}
        onChange={(e) => {
          e.currentTarget.setCustomValidity(
            e.currentTarget.value === '' || isIsoDay(e.currentTarget.value) ? '' : 'Not a day: use yyyy-mm-dd',
          );
          onChange(e.currentTarget.value);
        }}
      />
    </label>
  );
}
