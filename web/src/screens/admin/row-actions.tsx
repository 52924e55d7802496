// Row actions of the administration tables: a two-step button for what cannot be undone, and
// the message shown when the API refuses one.
import { useState } from 'react';

/** An irreversible action in two steps: the button, then "confirm" or "cancel" in its place. */
export function ConfirmButton({
  label,
  text,
  confirm,
  onConfirm,
  disabled,
}: {
  label: string;
  text?: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="ghost danger" aria-label={label} onClick={() => setAsking(true)} disabled={disabled}>
        {text ?? label}
      </button>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: an inline pair of buttons that takes one button's place; a <fieldset> groups form fields and would change the layout
    <span
      className="confirm"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setAsking(false);
      }}
    >
      <button
        type="button"
        className="danger"
        // biome-ignore lint/a11y/noAutofocus: the confirmation appears because the user just asked for this action; focus moves to it so Enter confirms and Escape cancels
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" className="ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A refused row action (disable, remove, revoke): what was tried and the API's reason. */
export function ActionError({ error, what }: { error: Error | null; what: string }) {
  return error ? (
    <p className="error" role="alert">
      {what}: {error.message}
    </p>
  ) : null;
}
