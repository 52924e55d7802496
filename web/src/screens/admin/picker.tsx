// A searchable select of named things (issue 15, must 9: "organisations, identities, communities
// chosen from lists, never typed ids"): the chosen ones as chips with their name and country,
// and a combobox (WAI-ARIA 1.2 combobox pattern, list autocomplete) whose list narrows as the
// administrator types a name or a country. Ids are on hover, never typed.
import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { NamedOption } from '../../api/names.ts';
import { FieldError, useField } from './form-state.tsx';

interface PickerProps {
  label: string;
  /** The property the API names in its errors. */
  name: string;
  options: readonly NamedOption[];
  value: readonly string[];
  onChange: (v: string[]) => void;
  /** One choice only: picking replaces it. */
  single?: boolean;
  /** Told what is typed, for options found on the server (identities in the store). */
  onSearch?: (text: string) => void;
  hint?: string;
  /** Names of chosen values that are not among `options` (kept, shown by name when known). */
  names?: ReadonlyMap<string, NamedOption>;
  placeholder?: string;
}

const MAX_SHOWN = 50;

/** The text a chip or option shows: the name, and the country when known. */
function optionText(o: NamedOption): string {
  return o.country ? `${o.name} (${o.country})` : o.name;
}

function matches(o: NamedOption, words: readonly string[]): boolean {
  const text = `${o.name} ${o.country ?? ''} ${o.detail ?? ''}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function PickerField({ label, name, options, value, onChange, single, onSearch, hint, names, placeholder }: PickerProps) {
  const f = useField(name, label);
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const place = usePlacement(box.current, open);
  const byValue = new Map<string, NamedOption>([...(names ?? new Map()).entries(), ...options.map((o) => [o.value, o] as const)]);
  const words = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = options.filter((o) => !value.includes(o.value) && matches(o, words)).slice(0, MAX_SHOWN);
  const pick = (o: NamedOption): void => {
    onChange(single ? [o.value] : [...value, o.value]);
    setText('');
    onSearch?.('');
    setActive(0);
    // Closed after each choice, so that the list never covers the form's buttons; typing or
    // the arrow keys open it again.
    setOpen(false);
  };
  const drop = (v: string): void => onChange(value.filter((x) => x !== v));
  const type = (t: string): void => {
    setText(t);
    setOpen(true);
    setActive(0);
    onSearch?.(t);
  };
  const keys = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (shown.length === 0 ? 0 : (a + step + shown.length) % shown.length));
    } else if (e.key === 'Enter' && open && shown[active]) {
      // Enter picks, it does not submit the form.
      e.preventDefault();
      pick(shown[active]);
    } else if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
    } else if (e.key === 'Backspace' && text === '' && value.length > 0 && !single) {
      drop(value[value.length - 1] ?? '');
    }
  };
  const hintId = hint ? `${f.id}-hint` : undefined;
  const optionId = (i: number): string => `${listId}-${i}`;
  return (
    <div className={`field picker wide${single ? ' single' : ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <div className="picker-box" ref={box} aria-invalid={f.error ? true : undefined}>
        {value.length > 0 && (
          <ul className="chips" aria-label={`${label}: chosen`}>
            {value.map((v) => {
              const o = byValue.get(v);
              return (
                <li key={v} className="chip" title={v}>
                  <span>{o ? optionText(o) : 'unknown identity'}</span>
                  <button type="button" className="ghost" aria-label={`Remove ${o?.name ?? v}`} onClick={() => drop(v)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <input
          id={f.id}
          type="search"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
          aria-describedby={[f.describedBy, hintId].filter(Boolean).join(' ') || undefined}
          autoComplete="off"
          value={text}
          placeholder={placeholder ?? (single && value.length > 0 ? 'Search to change…' : 'Search by name or country…')}
          onChange={(e) => type(e.target.value)}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={keys}
        />
      </div>
      {open && (shown.length > 0 || words.length > 0) && (
        <div className="picker-list" role="listbox" id={listId} aria-label={label} style={place}>
          {shown.length === 0 && <div className="muted empty">Nothing by that name.</div>}
          {shown.map((o, i) => (
            <div
              key={o.value}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              aria-label={`${optionText(o)}${o.detail ? `, ${o.detail}` : ''}`}
              title={o.value}
              // Chosen before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="name">{o.name}</span>
              {o.country && <span className="country">{o.country}</span>}
              {o.detail && <span className="muted small">{o.detail}</span>}
            </div>
          ))}
        </div>
      )}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}

/**
 * Where the open list goes: fixed under the search box, so that it floats over the form (the
 * form does not move under the pointer when the list closes on blur) and the panel's scrolling
 * never clips it. Followed while the page scrolls or resizes.
 */
function usePlacement(anchor: HTMLElement | null, open: boolean): CSSProperties {
  const [rect, setRect] = useState<DOMRect | null>(null);
  useEffect(() => {
    if (!open || anchor === null) return;
    const follow = (): void => setRect(anchor.getBoundingClientRect());
    follow();
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [anchor, open]);
  if (rect === null) return { visibility: 'hidden' };
  // Above the box when there is no room below it.
  const below = window.innerHeight - rect.bottom;
  const up = below < 230 && rect.top > below;
  return {
    position: 'fixed',
    left: rect.left,
    width: rect.width,
    ...(up ? { bottom: window.innerHeight - rect.top + 2 } : { top: rect.bottom + 2 }),
  };
}

/** The names of `ids` for a table cell, each with its id on hover. */
export function NameList({ ids, names, empty = '—' }: { ids: readonly string[]; names: ReadonlyMap<string, NamedOption>; empty?: string }) {
  if (ids.length === 0) return <>{empty}</>;
  return (
    <span className="names">
      {ids.map((id, i) => {
        const o = names.get(id);
        return (
          <span key={id} title={id}>
            {o ? optionText(o) : <code className="small">{shortId(id)}</code>}
            {i < ids.length - 1 ? ', ' : ''}
          </span>
        );
      })}
    </span>
  );
}

/** `identity--3f7a0b6e…`, `ae576da1…`: enough of an id to tell it apart in a table; the whole on hover. */
export function shortId(id: string): string {
  const at = id.indexOf('--');
  if (at > 0) return id.length > at + 10 ? `${id.slice(0, at + 10)}…` : id;
  return id.length > 16 ? `${id.slice(0, 8)}…` : id;
}
