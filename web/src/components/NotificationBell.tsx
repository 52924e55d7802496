// The notification bell of the header (issue 16, must 7): how many of the user's notifications
// are unread, and a dropdown of the newest, each linking to its incident — or, for a response-clock
// reminder of rapid response (issue 18, must 5), to its assistance request — with "mark all read".
// Kept live by the notification stream; polled while the stream is down.
import { useEffect, useRef, useState } from 'react';
import { type Notification, useMarkRead, useNotifications, useNotificationStream } from '../api/notifications.ts';
import { useLocation } from '../router.ts';
import { Link } from './Link.tsx';
import { notificationPath } from './notification-path.ts';
import './notification-bell.css';

const when = (iso: string): string => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function NotificationBell() {
  const live = useNotificationStream();
  const { data } = useNotifications(live);
  const mark = useMarkRead();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { path } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closes whenever the path changes
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent): void => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);
  const unread = data?.unread ?? 0;
  const items = data?.items ?? [];
  // Marks it read; the link itself navigates, and the menu closes on the new path (closing it
  // here would remove the link before its own click handler runs).
  const follow = (n: Notification): void => {
    if (n.readAt === null) mark.mutate({ ids: [n.id] });
  };
  return (
    <div className="bell" ref={box}>
      <button
        type="button"
        className="ghost bell-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        data-testid="notification-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="currentColor">
          <path d="M8 16a2 2 0 0 0 1.985-1.75h-3.97A2 2 0 0 0 8 16ZM8 1.5A4.5 4.5 0 0 0 3.5 6v2.7L2 11.5V12.5h12v-1L12.5 8.7V6A4.5 4.5 0 0 0 8 1.5Z" />
        </svg>
        {unread > 0 ? (
          <span className="bell-count" data-testid="notification-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="bell-menu" role="dialog" aria-label="Notifications">
          <div className="bell-head">
            <h2>Notifications</h2>
            <button type="button" className="ghost" disabled={unread === 0 || mark.isPending} onClick={() => mark.mutate({ all: true })}>
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="muted bell-empty">No notifications.</p>
          ) : (
            <ul data-testid="notification-list">
              {items.map((n) => (
                <li key={n.id} className={n.readAt === null ? 'unread' : ''} data-kind={n.kind}>
                  <Link to={notificationPath(n)} onClickCapture={() => follow(n)}>
                    <span className="bell-title">{n.title}</span>
                  </Link>
                  <span className="muted small">{when(n.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
