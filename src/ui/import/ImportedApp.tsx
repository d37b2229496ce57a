/**
 * The app with the import panel mounted: holds what the user imported and feeds it to App as explain() options
 * (their /proc/iomem and the picked range) and as diagram overlays (VmFlags, trace functions).
 */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { App, type AppContext, type AppProps } from '../App';
import { DESIGN_LABEL } from '../labels';
import type { ImportSelection } from './ImportPanel';

// Loaded after first paint: the parsers, the worker client and zod storage are not needed to draw the diagrams.
const ImportPanel = lazy(() => import('./ImportPanel').then((m) => ({ default: m.ImportPanel })));

const NONE: ImportSelection = { observed: {}, explain: null };

/** App plus "Your machine". Props given explicitly (explainOptions, observed, importPanel) win over the import's. */
export function ImportedApp(props: AppProps) {
  const [sel, setSel] = useState<ImportSelection>(NONE);
  const onChange = useCallback((s: ImportSelection) => setSel(s), []);
  const observed = useMemo(
    () => (sel.observed.vmFlags || sel.observed.traceFunctions ? sel.observed : undefined),
    [sel.observed],
  );
  const panel = useCallback(
    (ctx: AppContext) => (
      <Suspense fallback={<section className="import-panel" aria-busy="true" data-testid="import-loading" />}>
        <ImportPanel platform={ctx.state.view.scenario.platform} all={ctx.all} onChange={onChange} designLabel={(d) => DESIGN_LABEL[d]} />
      </Suspense>
    ),
    [onChange],
  );
  return (
    <App
      {...props}
      importPanel={props.importPanel ?? panel}
      explainOptions={props.explainOptions ?? sel.explain ?? undefined}
      observed={props.observed ?? observed}
    />
  );
}
