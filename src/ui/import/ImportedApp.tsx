/**
 * The app with the import panel mounted: holds what the user imported and feeds it to App as explain() options
 * (their /proc/iomem and the picked range) and as diagram overlays (VmFlags, trace functions).
 */
import { lazy, memo, Suspense, useCallback, useMemo, useState, type ComponentType, type Dispatch } from 'react';
import { App, type AppContext, type AppProps } from '../App';
import { DESIGN_LABEL } from '../labels';
import type { DesignId, Platform } from '../../model/scenario';
import type { ImportPanelProps, ImportSelection } from './ImportPanel';
import { PartBoundary } from '../PartBoundary';
import { reloadFailedStylesheets } from '../chunkError';

// Loaded after first paint: the parsers, the worker client and the storage checks are not needed to draw the diagrams.
// React.lazy keeps a failed load for good, so each retry (PartBoundary's "Try again") gets a lazy component of its own.
const panels: ComponentType<ImportPanelProps>[] = [];
function lazyPanel(attempt: number): ComponentType<ImportPanelProps> {
  return (panels[attempt] ??= lazy(async () => {
    if (attempt > 0) await reloadFailedStylesheets();
    return import('./ImportPanel').then((m) => ({ default: m.ImportPanel }));
  }));
}

const NONE: ImportSelection = { observed: {}, explain: null };

/** Whether two selections would draw the same: same overlays and the same explain() options (by their key). */
function sameSelection(a: ImportSelection, b: ImportSelection): boolean {
  return (
    a.explain?.key === b.explain?.key &&
    a.observed.vmFlags === b.observed.vmFlags &&
    a.observed.traceFunctions === b.observed.traceFunctions
  );
}

const designLabel = (d: DesignId): string => DESIGN_LABEL[d];

interface PanelSlotProps extends Pick<ImportPanelProps, 'platform' | 'design' | 'all' | 'onChange'> {
  dispatch: Dispatch<AppAction>;
  /** The lazy panel of this attempt (lazyPanel). */
  Panel: ComponentType<ImportPanelProps>;
  retry: () => void;
}
type AppAction = Parameters<AppContext['dispatch']>[0];

/**
 * The panel in its boundary. Memoised on what the panel shows, with a stable onPlatform: stepping through the fault
 * path or hovering a box changes the app's state but nothing here, so the panel is not rendered again.
 */
const PanelSlot = memo(function PanelSlot({ platform, design, all, onChange, dispatch, Panel: ImportPanel, retry }: PanelSlotProps) {
  const onPlatform = useCallback((patch: Partial<Platform>) => dispatch({ type: 'platform', patch }), [dispatch]);
  return (
    <PartBoundary name="the import panel (“Your machine”)" onRetry={retry} testId="import-panel-error">
      <Suspense fallback={<section className="import-panel" aria-busy="true" data-testid="import-loading" />}>
        <ImportPanel platform={platform} design={design} all={all} onChange={onChange} onPlatform={onPlatform} designLabel={designLabel} />
      </Suspense>
    </PartBoundary>
  );
});

/** App plus "Your machine". Props given explicitly (explainOptions, observed, importPanel) win over the import's. */
export function ImportedApp(props: AppProps) {
  const [sel, setSel] = useState<ImportSelection>(NONE);
  // Keeping the previous selection when nothing in it changed lets React skip re-rendering the whole app (the panel's
  // first report on mount, for instance, is the same as NONE).
  const onChange = useCallback((s: ImportSelection) => setSel((prev) => (sameSelection(prev, s) ? prev : s)), []);
  const observed = useMemo(
    () => (sel.observed.vmFlags || sel.observed.traceFunctions ? sel.observed : undefined),
    [sel.observed],
  );
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  const Panel = useMemo(() => lazyPanel(attempt), [attempt]);
  const panel = useCallback(
    (ctx: AppContext) => (
      <PanelSlot platform={ctx.state.view.scenario.platform} design={ctx.state.view.scenario.design} all={ctx.all} onChange={onChange} dispatch={ctx.dispatch} Panel={Panel} retry={retry} />
    ),
    [onChange, Panel, retry],
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
