// Selectors shared by every browser test. The fault graph, resource tree and VMA of the other architecture stay in the
// page, hidden (KeptAlive); queries for their boxes look inside the live drawing.
export const FAULT = '[data-testid="fault-graph"] ';
export const TREE = '[data-testid="tree-graph"] ';
export const VMA = '[data-testid="vma-graph"] ';

const scope = (id) =>
  /^fault-(step|node)/.test(id) ? FAULT : id === 'tree-node' ? TREE : /^(vma-(leaf|flag|none|handler|range|flags|pgprot|vm_ops|walk|leaves)|walk-)/.test(id) ? VMA : '';

/** `[data-testid="id"]`, inside the live drawing for a drawing's boxes. */
export const $ = (id) => `${scope(id)}[data-testid="${id}"]`;
