import assert from 'node:assert/strict';
import { test } from 'node:test';
import { domainToASCII as nodeDomainToASCII } from 'node:url';
import fc from 'fast-check';
import { domainToASCII } from './idna.ts';

test('domainToASCII: IDN to punycode, lower case, invalid hosts empty', () => {
  assert.equal(domainToASCII('Bücher.DE'), 'xn--bcher-kva.de');
  assert.equal(domainToASCII('faß.de'), 'xn--fa-hia.de');
  assert.equal(domainToASCII('xn--bcher-kva.de'), 'xn--bcher-kva.de');
  assert.equal(domainToASCII('a'), 'a');
  assert.equal(domainToASCII('b'), 'b');
  assert.equal(domainToASCII(''), '');
  assert.equal(domainToASCII('ex ample.com'), '');
  assert.equal(domainToASCII('a|b.com'), '');
});

test("domainToASCII agrees with Node's url.domainToASCII on any text", () => {
  const label = fc.stringMatching(/^[a-zA-Z0-9äöüßéèçøåñ\u00ad\u200b%:@/?#\\[\]. -]{0,12}$/);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), label), (s) => {
      assert.equal(domainToASCII(s), nodeDomainToASCII(s), JSON.stringify(s));
    }),
    { numRuns: 3000 },
  );
});
