/**
 * The one colour legend: each colour means one thing in the matrix, the headline, the three diagrams and the exports.
 * Data, so the page's legend and the slides' are the same list.
 */
export interface LegendItem {
  /** CSS class of the swatch (app.css `.swatch.<key>`); the exporter maps it to the same colours. */
  key: 'good' | 'bad' | 'partial' | 'na' | 'taken' | 'lit' | 'decided' | 'busy' | 'free' | 'hdm' | 'unverified';
  label: string;
}

export const LEGEND: readonly LegendItem[] = [
  { key: 'good', label: 'cacheable guest entry · good verdict' },
  { key: 'bad', label: 'uncached entry, error, conflict · bad verdict' },
  { key: 'partial', label: 'partial verdict' },
  { key: 'na', label: 'not applicable' },
  { key: 'taken', label: 'taken fault path · created by the design' },
  { key: 'lit', label: 'current step · linked highlight' },
  { key: 'decided', label: 'decided the selected verdict' },
  { key: 'busy', label: 'busy resource' },
  { key: 'free', label: 'not busy' },
  { key: 'hdm', label: 'HDM range' },
  { key: 'unverified', label: 'unverified (dashed, ?)' },
];
