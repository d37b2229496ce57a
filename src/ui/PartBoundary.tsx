/**
 * An error in one part of the page (the import panel, the inspector, the verdict matrix) shows a message in its place
 * that says what failed and offers to try again; the rest of the page keeps working. Resets by itself when `resetKey`
 * changes. A part whose code could not be downloaded says so (see chunkError).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { chunkError } from './chunkError';

interface Props {
  /** What this part is, for the message: "the import panel". */
  name: string;
  /** Called before the part is drawn again (e.g. to load its code anew). */
  onRetry?: () => void;
  /** Extra action beside "Try again" (e.g. closing the inspector). */
  extra?: ReactNode;
  resetKey?: string;
  testId?: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: string | undefined;
}

export class PartBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`${this.props.name} failed:`, error, info.componentStack);
  }

  private retry = () => {
    this.props.onRetry?.();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = chunkError(error);
    return (
      <section className="part-error" role="alert" data-testid={this.props.testId ?? 'part-error'}>
        <strong>
          {chunk ? `The code of ${this.props.name} could not be loaded` : `${this.props.name[0]!.toUpperCase()}${this.props.name.slice(1)} failed`}.
        </strong>{' '}
        <span>{chunk ?? error.message}</span>
        <p>The rest of the page is unaffected.</p>
        <button type="button" data-testid="part-retry" onClick={this.retry}>
          Try again
        </button>{' '}
        {this.props.extra}
      </section>
    );
  }
}
