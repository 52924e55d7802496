// Drawing a relationship on the graph (issue 15, must 4 and 6): dropping one node on another
// opens this dialog with the shared relationship form; what it creates is handed back so the
// edge appears at once, without reloading the graph.
import { useEffect, useRef } from 'react';
import { displayName, type Stix } from '../api/objects.ts';
import type { WriteResult } from '../api/write.ts';
import { RelateForm } from './write/RelateForm.tsx';

export function GraphRelate({
  source,
  target,
  onDone,
  onCancel,
}: {
  source: Stix;
  target: Stix;
  onDone: (created: WriteResult) => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="graph-dialog"
      aria-labelledby="relate-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="relate-title">New relationship</h2>
      <p className="relate-ends">
        <span className="type-tag">{source.type}</span> <strong>{displayName(source)}</strong>
        <span className="muted"> → </span>
        <span className="type-tag">{target.type}</span> <strong>{displayName(target)}</strong>
      </p>
      <RelateForm source={source} target={target} onDone={onDone} onCancel={onCancel} />
    </dialog>
  );
}
