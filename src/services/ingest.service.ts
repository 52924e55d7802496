// Ingestion: a stream of bytes (file, stdin, upload, feed) in, objects stored or quarantined,
// a summary out (issue 2, §5); each import is one run (import-run.ts).
import { BundleSplitter } from '../domain/bundle/splitter.ts';
import { ExaminePipeline, Examiner, type ExaminedLite } from './examiner.ts';
import { validateBundle } from '../domain/stix/validate.ts';
import { ConcordError, type ErrorCode } from '../errors.ts';
import type { ImportSummary } from '../domain/imports/types.ts';
import { Labeller, type ImportOwner } from './labeller.ts';
import { BATCH, BATCH_CHARS, ImportRun, type ImportOptions, type IngestDeps } from './import-run.ts';

export type { ImportOwner } from './labeller.ts';
export {
  emptySummary,
  guessedSource,
  RunSource,
  type ImportOptions,
  type ImportProgress,
  type IngestDeps,
  type ProvenanceCheck,
} from './import-run.ts';

/** Imports STIX content (bundles, arrays of objects or single objects) from byte streams. */
export class IngestService {
  private readonly deps: IngestDeps;

  constructor(deps: IngestDeps) {
    this.deps = deps;
  }

  /** Reads the whole stream; stops at broken JSON structure, keeping what came before it. */
  async importStream(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: ImportOptions): Promise<ImportSummary> {
    const run = new ImportRun(this.deps, options, await this.labeller(options.owner));
    const splitter = new BundleSplitter();
    const pipeline = new ExaminePipeline(run, { items: BATCH, chars: BATCH_CHARS });
    const report = (): void => options.onProgress?.({ bytesRead: splitter.offset, objectsRead: run.objectsRead, summary: run.summary });
    try {
      for await (const chunk of input) {
        await pipeline.push(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
        report();
      }
      const header = splitter.end();
      await pipeline.drain();
      await this.finishHeader(header, run);
    } catch (e) {
      if (!(e instanceof ConcordError)) {
        await pipeline.close();
        throw e;
      }
      run.summary.error = {
        code: e.code,
        message: e.message,
        ...(typeof e.details['offset'] === 'number' ? { offset: e.details['offset'] } : {}),
      };
    }
    await pipeline.drain();
    await pipeline.close();
    await run.finish();
    report();
    return run.summary;
  }

  /**
   * Stores objects examined elsewhere, in order: the same path as importStream from examination
   * on. Federation examines a peer's page on the threads that verify its signatures
   * (services/federation/verifier.ts), so that the writing thread only writes.
   */
  async importExamined(items: readonly { text: string; examined: ExaminedLite }[], options: ImportOptions): Promise<ImportSummary> {
    const run = new ImportRun(this.deps, options, await this.labeller(options.owner));
    for (const [index, it] of items.entries()) await run.add({ text: it.text, offset: 0, index }, it.examined);
    await run.finish(options.settle !== false);
    return run.summary;
  }

  /** The labeller of a run by `owner`; none without an owner or labelling dependencies. */
  private async labeller(owner: ImportOwner | undefined): Promise<Labeller | undefined> {
    const labels = this.deps.labels;
    if (!labels || !owner) return undefined;
    const registry = await labels.markings.registry();
    return new Labeller({ access: labels.access, audit: labels.audit, schemes: labels.schemes, registry }, owner);
  }

  /** Waits until everything stored so far is in the derived indexes too (ImportOptions.settle). */
  async settled(): Promise<void> {
    await this.deps.objects.settled?.();
  }

  /** The top level is a bundle (checked, §8), an array (nothing to do) or one bare object. */
  private async finishHeader(header: string, run: ImportRun): Promise<void> {
    if (header.startsWith('[')) return;
    const value = JSON.parse(header) as Record<string, unknown>;
    if (value['type'] === 'bundle') {
      // The elements were checked one by one as they streamed; the header holds `objects: []`.
      const { objects: _elements, ...bundle } = value;
      const check = validateBundle(bundle);
      const errors = check.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0) {
        run.summary.error = {
          code: 'STIX_INVALID' satisfies ErrorCode,
          message: `bundle: ${errors.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        };
      }
      return;
    }
    const item = { text: header, offset: 0, index: 0 };
    const [examined] = await new Examiner().run([header]);
    if (examined) await run.add(item, examined);
  }
}
