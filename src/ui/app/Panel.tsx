/** A titled panel of the workspace; its id is where the skip links land. */
import type { ReactNode } from 'react';

export function Panel({ id, title, children, className = '' }: { id: string; title: ReactNode; children: ReactNode; className?: string }) {
  return (
    <section className={`panel ${className}`} id={id} tabIndex={-1} data-testid={id} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}
