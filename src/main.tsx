import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import './ui/faults.css';
import './ui/print.css';
import { RootBoundary } from './ui/RootBoundary';
import { ShareApp } from './ui/share/ShareApp';

const el = document.getElementById('root');
if (el) createRoot(el).render(<StrictMode><RootBoundary><ShareApp /></RootBoundary></StrictMode>);
