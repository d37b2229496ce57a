/**
 * Stepping the fault path: buttons that say what they do, and a status of fixed width, so nothing around them moves
 * when the design (and with it the number of steps) changes.
 */
import { memo } from 'react';

export interface StepperProps {
  step: number;
  steps: number;
  playing: boolean;
  onPrev: () => void;
  onNext: () => void;
  onPlay: () => void;
}

export const Stepper = memo(function Stepper({ step, steps, playing, onPrev, onNext, onPlay }: StepperProps) {
  return (
    <div className="stepper" role="group" aria-label="Fault path stepping">
      <button type="button" data-testid="step-prev" onClick={onPrev} aria-keyshortcuts="ArrowLeft" disabled={steps === 0}>
        <span aria-hidden="true">◀ </span>Previous step
      </button>
      <button type="button" data-testid="step-play" onClick={onPlay} aria-pressed={playing} aria-keyshortcuts="Space" disabled={steps === 0}>
        {playing ? 'Pause' : 'Play path'}
      </button>
      <button type="button" data-testid="step-next" onClick={onNext} aria-keyshortcuts="ArrowRight" disabled={steps === 0}>
        Next step<span aria-hidden="true"> ▶</span>
      </button>
      <span className="step-status" data-testid="step-status" aria-live="off">{step >= 0 ? `step ${step + 1}/${steps}` : `${steps} steps`}</span>
    </div>
  );
});
