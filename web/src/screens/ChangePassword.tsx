// The first thing a user signed in with a one-time password does: choose their own (the API
// refuses everything else until then, PASSWORD_CHANGE_REQUIRED).
import { useState, type FormEvent } from 'react';
import { useChangePassword, useLogout, type Me } from '../api/session.ts';

export function ChangePassword({ me }: { me: Me }) {
  const change = useChangePassword();
  const logout = useLogout();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && again !== password;
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!mismatch) change.mutate({ me, password });
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="login-box" aria-labelledby="change-title">
        <h1 id="change-title">Choose your password</h1>
        <p className="muted">{me.user.username}, you signed in with a one-time password. Choose your own to go on.</p>
        <label htmlFor="new-password">New password</label>
        <input
          id="new-password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          // biome-ignore lint/a11y/noAutofocus: this page has one task (a new password is required before anything else), and this field is its first step
          autoFocus
        />
        <label htmlFor="new-password-again">New password again</label>
        <input
          id="new-password-again"
          name="new-password-again"
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          required
          aria-invalid={mismatch}
        />
        {mismatch && (
          <p className="error" role="alert">
            The two passwords differ.
          </p>
        )}
        {change.error && (
          <p className="error" role="alert">
            {change.error.message}
          </p>
        )}
        <button type="submit" disabled={change.isPending || mismatch}>
          {change.isPending ? 'Saving…' : 'Save and continue'}
        </button>
        <button type="button" className="ghost" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </form>
    </main>
  );
}
