import { useState, type FormEvent } from 'react';
import { useLogin } from '../api/session.ts';

export function Login() {
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    login.mutate({ username, password });
  };
  return (
    <main className="login">
      <form onSubmit={submit} className="login-box" aria-labelledby="login-title">
        <h1 id="login-title">Concord</h1>
        <p className="muted">Sign in to your node</p>
        <label htmlFor="username">User name</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has one task, and typing the user name is its first step
          autoFocus
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {login.error && (
          <p className="error" role="alert">
            {login.error.message}
          </p>
        )}
        <button type="submit" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
