// Benchmarks (npx vitest bench src/model/import): importing a 1,000-line and a 100,000-line /proc/iomem —
// parse + candidates (what the worker does), then every design on the picked range (what the page does).
import { bench, describe } from 'vitest';
import { explainAll } from '../explain';
import { DEFAULT_PLATFORM } from '../scenario';
import { focusTree } from './focusTree';
import { generateIomem } from './iomemGen';
import { parseImport } from './parseImport';
import { layoutForRange } from './range';

for (const n of [1_000, 100_000]) {
  const text = generateIomem(n);
  const parsed = parseImport(text);
  if (parsed.kind !== 'iomem' || parsed.iomem.errors.length > 0 || parsed.candidates.candidates.length === 0) {
    throw new Error(`generated ${n}-line iomem did not parse cleanly`);
  }
  const c = parsed.candidates.candidates[0]!;
  describe(`/proc/iomem, ${n} lines`, () => {
    bench('parse + candidates', () => {
      parseImport(text);
    }, { iterations: n > 10_000 ? 3 : 30 });
    bench('explainAll on the picked range (focused tree)', () => {
      const f = focusTree(parsed.iomem.tree, c.start, c.end);
      explainAll(DEFAULT_PLATFORM, { baseTree: f.tree, layout: layoutForRange(parsed.iomem.tree, c.start, c.end) });
    }, { iterations: n > 10_000 ? 3 : 30 });
  });
}
