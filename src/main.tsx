import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import './ui/faults.css';
import './ui/print.css';
import { RootBoundary } from './ui/RootBoundary';
import { ShareApp } from './ui/share/ShareApp';
import { loadSourceNotes } from './model/source-notes';
import { loadSources } from './model/source-registry';
import { whenIdle } from './ui/hooks/whenIdle';
import { preloadInspector } from './ui/app/lazyInspector';
import { preloadWhatItTakes } from './ui/app/lazyWhatItTakes';

const el = document.getElementById('root');
if (el) createRoot(el).render(<StrictMode><RootBoundary><ShareApp /></RootBoundary></StrictMode>);
// The source registry (citations, links) and the sources' notes are not needed to draw the page: loaded once it is
// idle, so the step inspector and the inspector have them at once. So is the inspector's code, and "what would it
// take"'s.
whenIdle(() => {
  void loadSources().catch(() => {});
  void loadSourceNotes().catch(() => {});
  preloadInspector();
  preloadWhatItTakes();
}, 3000);
