/** Links to jump past the controls: to the verdict matrix, each diagram and the inspector (visible when focused). */
import { memo } from 'react';

export const SkipLinks = memo(function SkipLinks({ inspector, notes }: { inspector: boolean; notes: boolean }) {
  const links: [string, string][] = [
    ['answer', 'Verdict matrix'],
    ['diagram-fault', 'KVM fault path'],
    ['diagram-resource', 'Resource tree'],
    ['diagram-vma', 'VMA'],
    ...(notes ? ([['notes', 'Review notes']] as [string, string][]) : []),
    ...(inspector ? ([['inspector', 'Inspector']] as [string, string][]) : []),
  ];
  return (
    <nav className="skip-links" aria-label="Skip to">
      {links.map(([id, label]) => (
        <a key={id} href={`#${id}`} data-testid={`skip-${id}`} onClick={(e) => {
          // Move focus, not only the scroll position, so Tab continues from there.
          const el = document.getElementById(id);
          if (!el) return;
          e.preventDefault();
          el.scrollIntoView({ block: 'start' });
          el.focus({ preventScroll: true });
        }}>
          Skip to {label.toLowerCase().startsWith('kvm') || label === 'VMA' ? label : label.toLowerCase()}
        </a>
      ))}
    </nav>
  );
});
