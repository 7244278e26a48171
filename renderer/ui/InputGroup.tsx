/** A titled group of input fields (情况说明 inputs, 上海's statistics form): legend, an optional note, a grid of fields. */
import type { ReactNode } from 'react';

export function InputGroup({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="input-group">
      <legend>{title}</legend>
      {note ? <div className="group-note">{note}</div> : null}
      <div className="input-grid">{children}</div>
    </fieldset>
  );
}
