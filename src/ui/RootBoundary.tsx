/**
 * The last line against a blank page: an error no part's own boundary caught replaces the page with what happened
 * and a way back. The review notes are in the page's link and in storage, so trying again (or reloading) keeps them.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
  attempt: number;
}

export class RootBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('HDM Atlas failed:', error, info.componentStack);
  }

  override render() {
    const { error, attempt } = this.state;
    if (!error) return <ErrorFreeKey key={attempt}>{this.props.children}</ErrorFreeKey>;
    return (
      <main className="app root-error" role="alert" data-testid="root-error">
        <h1>HDM Atlas</h1>
        <p>
          <strong>The page stopped while drawing:</strong> {error.message}
        </p>
        <p>Your review notes are kept in this page&apos;s link and in this browser&apos;s storage.</p>
        <button type="button" onClick={() => this.setState((s) => ({ error: null, attempt: s.attempt + 1 }))}>
          Try again
        </button>{' '}
        <button type="button" onClick={() => location.reload()}>
          Reload the page
        </button>
      </main>
    );
  }
}

/** Children under a key, so "Try again" mounts them afresh. */
function ErrorFreeKey({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
