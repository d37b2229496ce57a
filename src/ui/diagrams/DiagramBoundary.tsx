/**
 * An error inside one diagram shows a message in that panel; the other panels keep working.
 * Resets when `resetKey` changes (e.g. the scenario), so a fixed input redraws.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  name: string;
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: string;
}

export class DiagramBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} diagram failed:`, error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="diagram-error" role="alert" data-testid="diagram-error">
          <strong>The {this.props.name} diagram could not be drawn.</strong>
          <p>{this.state.error.message}</p>
          <p>The other diagrams are unaffected. Change the scenario, or{' '}
            <button type="button" data-testid="diagram-retry" onClick={() => this.setState({ error: null })}>try again</button>
          </p>
        </div>
      );
    }
    return this.props.children;
  }
}
