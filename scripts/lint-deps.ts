// Checks the import boundaries of .dependency-cruiser.cjs (layers, no circles; CONVENTIONS.md,
// "Tooling that holds the shape"). dependency-cruiser itself passes, silently, when it cannot
// parse TypeScript and so reads no file at all; this runner fails then instead, since a check
// that cannot fail hides every violation.
import { chdir } from 'node:process';
import { fileURLToPath } from 'node:url';
import { cruise, format, getAvailableTranspilers } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const ROOTS = ['src', 'web/src', 'test', 'bench', 'scripts'];

chdir(fileURLToPath(new URL('..', import.meta.url)));
const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const swc = getAvailableTranspilers().find((t) => t.name === 'swc');
const result = await cruise(ROOTS, options);
if (typeof result.output === 'string') throw new Error('dependency-cruiser returned a report where a result was expected');
if (result.output.summary.totalCruised === 0) {
  console.error(
    `lint:deps read no source file: dependency-cruiser needs a TypeScript parser it supports. ` +
      `Install @swc/core ${swc?.version ?? '>=1 <2'} as a devDependency (TypeScript 7.0's compiler has no API it can use).`,
  );
  process.exit(2);
}
const report = await format(result.output, { outputType: 'err-long' });
process.stdout.write(String(report.output));
process.exitCode = report.exitCode;
