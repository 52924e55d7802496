// Feed URLs: which TAXII 2.1 resource a URL names, and the way from discovery to one collection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiRootFromDiscovery, classifyTaxiiUrl, isDiscovery, listedCollections, objectsUrl, pickCollection } from './url.ts';

test('a collection URL, with or without /objects/ and the trailing slash, names its API root and collection', () => {
  for (const u of [
    'https://peer.example/taxii2/api/collections/abc/',
    'https://peer.example/taxii2/api/collections/abc',
    'https://peer.example/taxii2/api/collections/abc/objects/?limit=5',
  ]) {
    assert.deepEqual(classifyTaxiiUrl(u), { kind: 'collection', apiRoot: 'https://peer.example/taxii2/api/', collectionId: 'abc' });
  }
  assert.deepEqual(classifyTaxiiUrl('https://peer.example/collections/x/'), {
    kind: 'collection',
    apiRoot: 'https://peer.example/',
    collectionId: 'x',
  });
});

test('the collections list names its API root; anything else is discovery or an API root', () => {
  assert.deepEqual(classifyTaxiiUrl('http://peer:9000/api1/collections'), { kind: 'collections', apiRoot: 'http://peer:9000/api1/' });
  assert.deepEqual(classifyTaxiiUrl('http://peer:9000/taxii2'), { kind: 'root', url: 'http://peer:9000/taxii2/' });
});

test('refuses URLs that are not http(s) or that carry credentials', () => {
  assert.throws(() => classifyTaxiiUrl('ftp://peer/taxii2/'), /http or https/);
  assert.throws(() => classifyTaxiiUrl('https://u:p@peer/taxii2/'), /--token/);
  assert.throws(() => classifyTaxiiUrl('peer/taxii2/'), /not an absolute URL/);
});

test('discovery: the default API root, else the only one, resolved against the discovery URL (§4.1.1)', () => {
  assert.ok(isDiscovery({ title: 't', api_roots: ['/a/'] }));
  assert.ok(!isDiscovery({ title: 't', versions: ['application/taxii+json;version=2.1'] }));
  assert.equal(
    apiRootFromDiscovery({ default: '/taxii2/api/', api_roots: ['/taxii2/api/', '/b/'] }, 'https://peer/taxii2/'),
    'https://peer/taxii2/api/',
  );
  assert.equal(apiRootFromDiscovery({ api_roots: ['https://other/r'] }, 'https://peer/taxii2/'), 'https://other/r/');
  assert.throws(() => apiRootFromDiscovery({ api_roots: ['/a/', '/b/'] }, 'https://peer/taxii2/'), /2 API roots and no default/);
});

test('picks the named collection by id or alias, else the only readable one', () => {
  const list = listedCollections({
    collections: [
      { id: 'c1', title: 'One', alias: 'one', can_read: true, can_write: false },
      { id: 'c2', title: 'Two', can_read: false, can_write: true },
      { id: 'c3', title: 'Three', can_read: true, can_write: false },
    ],
  });
  assert.equal(pickCollection(list, 'one', 'R').id, 'c1');
  assert.equal(pickCollection(list, 'c3', 'R').id, 'c3');
  assert.throws(() => pickCollection(list, 'c2', 'R'), /not readable/);
  assert.throws(() => pickCollection(list, 'zz', 'R'), /no collection "zz".*c1 \(one\)/);
  assert.throws(() => pickCollection(list, undefined, 'R'), /2 readable collections; choose one with --collection/);
  assert.equal(pickCollection(list.slice(0, 2), undefined, 'R').id, 'c1');
  assert.deepEqual(listedCollections({}), []);
});

test('the Get Objects URL of a collection (§5.4)', () => {
  assert.equal(objectsUrl('https://peer/taxii2/api/', 'c 1'), 'https://peer/taxii2/api/collections/c%201/objects/');
  assert.equal(objectsUrl('https://peer/taxii2/api', 'c1'), 'https://peer/taxii2/api/collections/c1/objects/');
});
