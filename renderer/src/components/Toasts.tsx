/** What is happening and what happened: progress, success, and failures with Docker's words. */
import { useDockwire } from '../store/store';

export function Toasts() {
  const toasts = useDockwire((state) => state.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast ${toast.kind}`} data-testid="toast" role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div>
            {toast.kind === 'progress' ? '⏳ ' : ''}
            {toast.text}
          </div>
          {toast.detail?.map((line) => (
            <div key={line} className="muted">
              {line}
            </div>
          ))}
          {toast.kind !== 'progress' && (
            <button
              type="button"
              className="toast-close"
              aria-label="Dismiss"
              onClick={() => useDockwire.getState().dismissToast(toast.id)}
            >
              ×
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
