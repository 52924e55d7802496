// A description rendered as Markdown, its "(Citation: …)" links pointing at the references.
import { useMemo } from 'react';
import { linkCitations } from '../../format/citations.ts';
import type { ExternalReference } from '../../format/external-ids.ts';
import { renderMarkdown } from '../../format/markdown.ts';

export function Description({ text, refs }: { text: string; refs: readonly ExternalReference[] }) {
  const html = useMemo(() => renderMarkdown(linkCitations(text, refs)), [text, refs]);
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it with html: false escapes every tag, images are off and only http(s)/mailto/#ref links pass (format/markdown.ts)
    <div className="markdown" data-testid="description" dangerouslySetInnerHTML={{ __html: html }} />
  );
}
