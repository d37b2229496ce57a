import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectImportKind } from './parseImport';

const S = join(__dirname, '../../../tests/fixtures/samples');
const kindOf = (dir: string) => ({ iomem: 'iomem', 'iomem-damaged': 'iomem', smaps: 'maps', ftrace: 'trace', 'cxl-list': 'cxl', bundle: 'bundle', dmesg: 'trace' })[dir];

describe('every sample is detected as what it is, damaged or not', () => {
  for (const dir of ['iomem', 'iomem-damaged', 'smaps', 'ftrace', 'cxl-list', 'bundle']) {
    for (const f of readdirSync(join(S, dir))) {
      it(`${dir}/${f}`, () => {
        expect(detectImportKind(readFileSync(join(S, dir, f), 'utf8'))).toBe(kindOf(dir));
      });
    }
  }
  it('prose is nothing', () => {
    expect(detectImportKind('Hello,\nthis is a mail about nothing in particular.\n')).toBeNull();
  });
});
