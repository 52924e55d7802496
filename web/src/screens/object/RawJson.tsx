// The object as stored, pretty-printed, with Copy and Download (issue 15, must 3).
import { useState } from 'react';
import type { Stix } from '../../api/objects.ts';

export function RawJson({ o }: { o: Stix }) {
  const text = JSON.stringify(o, null, 2);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser refused the clipboard: select the text and copy it.');
    }
  };
  const download = (): void => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    // The id is the file name: what an analyst searches the download folder for.
    a.download = `${o.id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" onClick={download}>
          Download
        </button>
        <span className="muted small" role="status">
          {copied}
        </span>
      </div>
      <pre className="json wrap" data-testid="raw-json">
        {text}
      </pre>
    </div>
  );
}
