import type { ReactNode } from 'react';

/** A titled dashboard or page section. */
export function Panel({
  title,
  children,
  actions,
  className,
  testId,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id} data-testid={testId}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

/** Loading, error and empty states in one place. */
export function Status({
  loading,
  error,
  empty,
  children,
}: {
  loading?: boolean;
  error?: unknown;
  empty?: string | false;
  children?: ReactNode;
}) {
  if (loading)
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  if (error)
    return (
      <p className="error" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </p>
    );
  if (empty) return <p className="muted">{empty}</p>;
  return <>{children}</>;
}
