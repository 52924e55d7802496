// Descriptions are Markdown (ATT&CK and most producers write them so; issue 15, must 3). Raw
// HTML is never rendered (`html: false`: it shows as text), images are not loaded (a remote image
// would tell its host who reads the object), and only http, https and mailto links, or links to
// the page's own reference rows, survive; external links open without the opener or a referrer.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.disable('image');
md.validateLink = (url: string): boolean => /^(https?:|mailto:|#ref-\d+$)/i.test(url.trim());

const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) =>
  self.renderToken(tokens, idx, options);
const linkOpen = md.renderer.rules.link_open ?? renderToken;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  if (token && !String(token.attrGet('href') ?? '').startsWith('#')) {
    token.attrSet('rel', 'noopener noreferrer');
    token.attrSet('target', '_blank');
  }
  return linkOpen(tokens, idx, options, env, self);
};

/** The HTML of a Markdown text, safe to insert (see above). */
export function renderMarkdown(text: string): string {
  return md.render(text);
}
