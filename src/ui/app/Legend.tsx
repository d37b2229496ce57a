/** The colour legend, once for the whole page (legendItems.ts). */
import { memo } from 'react';
import { LEGEND } from '../legendItems';

export const Legend = memo(function Legend() {
  return (
    <ul className="legend" aria-label="Colour legend" data-testid="legend">
      {LEGEND.map((i) => (
        <li key={i.key}>
          <span className={`swatch ${i.key}`} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
});
