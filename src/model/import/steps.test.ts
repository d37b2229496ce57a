import { describe, expect, it } from 'vitest';
import { importSteps, parseImport } from './parseImport';
import { runSteps } from './steps';

const trace = '  2)   0.122 us    |    hva_to_pfn [kvm]();\n'.repeat(23_000);
const smaps = '7f2ad4108000-7f2ad410c000 rw-s 00000000 00:0f 3091 anon_inode:[vfio-device]\nRss: 4 kB\nVmFlags: rd wr sh mr mw me ms pf io de dd\n'.repeat(4000);

describe('importSteps', () => {
  it('yields every 5,000 lines of a trace or smaps, in increasing fractions, and ends with the same result as parseImport', () => {
    for (const text of [trace, smaps]) {
      const fractions: number[] = [];
      const steps = importSteps(text);
      let r = steps.next();
      while (!r.done) {
        fractions.push(r.value);
        r = steps.next();
      }
      expect(fractions.length).toBeGreaterThanOrEqual(2);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(r.value).toEqual(parseImport(text));
    }
  });
  it('runSteps reports each fraction and then 1', () => {
    const seen: number[] = [];
    const r = runSteps(importSteps('0-fff : Reserved\n'), (f) => seen.push(f));
    expect(r.kind).toBe('iomem');
    expect(seen).toEqual([0.1, 0.9, 1]);
  });
  it('a rejected text ends at once', () => {
    expect(importSteps('   ').next()).toEqual({ done: true, value: { kind: 'rejected', message: 'the text is empty' } });
  });
});
