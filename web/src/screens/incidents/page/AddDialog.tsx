// A button that opens a form in a dialog: every "add" and "change" of the incident page. The
// dialog closes once the change is stored and the incident refreshed.
import { useState, type ReactNode } from 'react';
import { Dialog } from '../../../components/Dialog.tsx';
import { Form } from '../../admin/forms.tsx';
import type { Action } from './action.ts';

export function ActionDialog({
  open,
  title,
  submit,
  action,
  onSubmit,
  children,
  small,
  openLabel,
  onOpen,
}: {
  /** The text of the button that opens the dialog. */
  open: string;
  title: string;
  submit: string;
  action: Action;
  /** Sends the change; returns whether it was stored. */
  onSubmit: () => Promise<boolean>;
  children: ReactNode;
  small?: boolean;
  /** The opening button's accessible name, when its text alone is ambiguous ("Change" on a row). */
  openLabel?: string;
  /** Called as the dialog opens: the form starts afresh (after a change stored, or from the
   *  values as they now are). */
  onOpen?: () => void;
}) {
  const [shown, setShown] = useState(false);
  const close = (): void => {
    action.reset();
    setShown(false);
  };
  return (
    <>
      <button
        type="button"
        className={small ? 'ghost small' : undefined}
        aria-label={openLabel}
        onClick={() => {
          onOpen?.();
          setShown(true);
        }}
      >
        {open}
      </button>
      {shown && (
        <Dialog title={title} onClose={close}>
          <Form
            title={title}
            submit={submit}
            onSubmit={() => void onSubmit().then((ok) => ok && close())}
            onCancel={close}
            error={action.error}
            pending={action.pending}
            className="write-form"
            fieldErrors={action.fields}
          >
            {children}
          </Form>
        </Dialog>
      )}
    </>
  );
}
