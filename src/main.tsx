import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import { ImportedApp } from './ui/import/ImportedApp';

const el = document.getElementById('root');
if (el) createRoot(el).render(<StrictMode><ImportedApp /></StrictMode>);
