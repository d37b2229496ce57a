/** Whether review notes are saved in this browser, for the parts that show notes (ShareApp provides it). */
import { createContext } from 'react';
import type { NotesStatus } from './notesStore';

export const NotesStatusContext = createContext<NotesStatus | null>(null);
