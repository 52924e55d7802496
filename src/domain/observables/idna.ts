// WHATWG "domain to ASCII" (UTS #46 processing, IDN labels to punycode A-labels) through the URL
// API, so that the normalisers run unchanged in the browser as well as in Node: the web UI
// recognises observables with the same code that indexes them (issue 15, lookup in the UI).
// Node's `url.domainToASCII` is the hostname setter of a special-scheme URL (node_url.cc), which
// is what this does; idna.test.ts checks the two agree.

/** The ASCII form of a host name, or '' when it is not a valid host. */
export function domainToASCII(input: string): string {
  // A refused hostname leaves the URL's host unchanged: two different bases tell a refusal apart
  // from a name that happens to equal the base.
  const a = new URL('ws://a');
  const b = new URL('ws://b');
  a.hostname = input;
  b.hostname = input;
  return a.hostname === b.hostname ? a.hostname : '';
}
