// WAI-ARIA tabs: arrow keys move between tabs, Tab moves into the panel.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export function Tabs({
  tabs,
  active,
  onChange,
  label,
}: {
  tabs: { id: string; label: string; content: () => ReactNode }[];
  active: string;
  onChange: (id: string) => void;
  label: string;
}) {
  const refs = useRef(new Map<string, HTMLButtonElement>());
  const move = (e: KeyboardEvent, i: number): void => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (d === 0) return;
    const next = tabs[(i + d + tabs.length) % tabs.length];
    if (!next) return;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((t, i) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t.id === current?.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={t.id === current?.id ? 0 : -1}
            ref={(el) => {
              if (el) refs.current.set(t.id, el);
            }}
            onClick={() => onChange(t.id)}
            onKeyDown={(e) => move(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {current && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA APG tabs pattern: the tab panel takes focus so a panel without focusable content is reachable by keyboard
        <div role="tabpanel" id={`tabpanel-${current.id}`} aria-labelledby={`tab-${current.id}`} tabIndex={0} className="tabpanel">
          {current.content()}
        </div>
      )}
    </div>
  );
}
