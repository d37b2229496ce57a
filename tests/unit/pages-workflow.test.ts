/**
 * The Pages workflow cannot run here; these checks keep the parts the documentation requires, and keep .ci/run the
 * only gate (docs: "Using custom workflows with GitHub Pages"; actions/deploy-pages README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import viteConfig from '../../vite.config';

const root = join(__dirname, '../..');
const wf = readFileSync(join(root, '.github/workflows/pages.yml'), 'utf8');
/** The lines of one top-level job (two-space key) of the workflow. */
function job(name: string): string {
  const start = wf.indexOf(`\n  ${name}:\n`);
  if (start < 0) return '';
  const next = wf.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
  return next < 0 ? wf.slice(start) : wf.slice(start, start + 1 + next);
}

describe('.github/workflows/pages.yml', () => {
  it('runs from main (and by hand), one deployment at a time, without cancelling one in progress', () => {
    expect(wf).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]\n {2}workflow_dispatch:/m);
    expect(wf).toMatch(/^concurrency:\n {2}group: pages\n {2}cancel-in-progress: false$/m);
    expect(wf).toMatch(/^permissions:\n {2}contents: read$/m);
  });

  it('gates the upload on bash .ci/run, in Debian 12, and uploads what the tests ran against', () => {
    const build = job('test-and-build');
    expect(build).toContain('container: node:20-bookworm');
    expect(build).toContain('run: bash .ci/run');
    expect(build.indexOf('bash .ci/run')).toBeLessThan(build.indexOf('actions/upload-pages-artifact@'));
    expect(build).toMatch(/uses: actions\/upload-pages-artifact@v\d+\n {8}with:\n {10}path: dist\n/);
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/\nnpm test\n?$/);
  });

  it('deploys in its own job after the tests, with the permissions deploy-pages needs', () => {
    const deploy = job('deploy');
    expect(deploy).toContain('needs: test-and-build');
    expect(deploy).toMatch(/permissions:\n {6}pages: write\n {6}id-token: write/);
    expect(deploy).toMatch(/environment:\n {6}name: github-pages\n {6}url: \$\{\{ steps.deployment.outputs.page_url \}\}/);
    expect(deploy).toMatch(/id: deployment\n {8}uses: actions\/deploy-pages@v\d+/);
  });

  it('the site is built with a relative base, so it works under a project page path', () => {
    expect(viteConfig).toMatchObject({ base: './' });
  });
});
