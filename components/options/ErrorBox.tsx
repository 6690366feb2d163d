import { useLang, useT } from './lang';
import { describeRow, friendlyError, rowProblem, type ErrorContext, type ErrorInfo } from './errors';

/** A failure: what it means for the reader, where in the file, and the exact message. */
export function ErrorBox({ context, error }: { context: ErrorContext; error: ErrorInfo }) {
  const lang = useLang();
  const tr = useT();
  const row = rowProblem(error.message);
  return (
    <div class="error" role="alert" data-testid="error" data-code={error.code ?? ''}>
      <p class="friendly">{friendlyError(lang, context, error)}</p>
      {row && <p class="where">{describeRow(lang, row)}</p>}
      <p class="exact">
        <span class="exact-label">{tr('options_error_details')} </span>
        <code dir="ltr" lang="en" data-testid="error-exact">
          {error.message}
        </code>
      </p>
    </div>
  );
}
