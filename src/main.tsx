import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import { ShareApp } from './ui/share/ShareApp';

const el = document.getElementById('root');
if (el) createRoot(el).render(<StrictMode><ShareApp /></StrictMode>);
