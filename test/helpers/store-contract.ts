// One describe block per store engine, each test on a fresh store (the pattern of
// test/store.contract.test.ts), shared by the contract suites split by repository.
import { afterEach, beforeEach, describe } from 'node:test';
import type { Store } from '../../src/store/repositories.ts';
import { ENGINES, type StoreLocation } from './store-engines.ts';

/** What a contract test works on: the open store and where it is. */
export interface ContractContext {
  store: Store;
  location: StoreLocation;
}

/** Runs `body` once per engine as `<title> on <engine>`; `ctx` holds a fresh store in each test. */
export function contractSuite(title: string, body: (ctx: ContractContext) => void): void {
  for (const engine of ENGINES) {
    describe(`${title} on ${engine.name}`, { skip: engine.skip }, () => {
      // Filled before each test; the tests read it through the object, never by destructuring early.
      const ctx = {} as ContractContext;
      beforeEach(async () => {
        ctx.location = await engine.create();
        ctx.store = await ctx.location.open();
      });
      afterEach(async () => {
        await ctx.store.close();
        await ctx.location.dispose();
      });
      body(ctx);
    });
  }
}
