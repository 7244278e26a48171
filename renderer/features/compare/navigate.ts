/** From the comparison to where a figure lives: a table cell of either year, or a 情况说明 field. */
import type { NarrativeLink } from '../../../shared/domain/compare';
import { textTarget } from '../../store/session';
import { actions } from '../../store/useSession';
import { narrativeIds, type NarrativeId } from '../../store/view';

/** Loads `year` when another is on screen; false when that was refused (an entry being typed). */
async function toYear(year: number): Promise<boolean> {
  return actions().year === year ? true : actions().loadYear(year);
}

/** Opens the table of a cell of `year` and highlights it. */
export async function showCellOfYear(year: number, cell: string): Promise<void> {
  if (await toYear(year)) actions().showCells([cell]);
}

/** A section of the year now loaded (a link of another template's year names none of its sections). */
function isNarrativeId(id: string): id is NarrativeId {
  const template = actions().loaded?.report.settings.template;
  return template !== undefined && narrativeIds(template).includes(id);
}

/** Opens the 情况说明 section of `year` and highlights the field that explains a change. */
export async function showNarrativeLink(year: number, link: NarrativeLink): Promise<void> {
  if (!(await toYear(year)) || !isNarrativeId(link.section)) return;
  actions().navigate({ kind: 'narrative', id: link.section });
  if (link.field) actions().showCells([textTarget(link.field)]);
}
