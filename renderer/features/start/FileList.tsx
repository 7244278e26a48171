/** A list of disclosure files (recent, or in the data folder) to open by id. */
import type { FileEntry } from '../../../shared/contract/api';

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function FileList({ files, empty, busy, onOpen }: { files: FileEntry[] | null; empty: string; busy: boolean; onOpen: (id: string) => void }) {
  if (files === null) return <div className="muted">正在读取……</div>;
  if (files.length === 0) return <div className="muted">{empty}</div>;
  return (
    <ul className="file-list">
      {files.map((f) => (
        <li key={f.id}>
          <button type="button" disabled={busy} onClick={() => onOpen(f.id)} title={`${f.location}`}>
            <span className="file-dept">{f.department ?? f.name}</span>
            <span className="file-meta">
              {f.name} · {when(f.at)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
