/**
 * A table editor in the official layout: the printed table itself, with its input cells
 * editable in place and its derived cells shaded (hover for the formula), then the
 * 待填写科目 of 科目 tables. One table at a time; the derived figures follow every keystroke.
 */
import { type ClipboardEvent, type FocusEvent, type MouseEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fillFromTable03, type Fund } from '../../../shared/domain/fiscalSplit';
import { type CustomCode, type ItemFacts, itemHasData } from '../../../shared/domain/model';
import type { DerivedTable, TableId } from '../../../shared/domain/tables/types';
import { tableShortName } from '../../../shared/domain/templates/tableSpecs';
import { fundOfTable, requiredTableOfRole } from '../../../shared/domain/templates/roles';
import { useUi } from '../../app/uiState';
import { reuseTables } from '../../store/derived';
import { useCatalogue, useLoaded, usePreviewReport, usePreviewTable } from '../../store/useDerived';
import { actions, useSession } from '../../store/useSession';
import { Confirm } from '../../ui/Modal';
import { CellToolbar } from '../compare/CellToolbar';
import { usePriorView } from '../compare/usePriorView';
import { firstEditable } from './grid';
import { parseClipboardBlock } from './paste';
import { pasteContextFor } from './pasteContext';
import { type PasteContext, type PastePlan, planPaste } from './pastePlan';
import { AddItemDialog } from './AddItemDialog';
import { DeleteItemConfirm } from './DeleteItemConfirm';
import { EditorContext, type EditorContextValue } from './editorContext';
import { PendingBlock } from './PendingBlock';
import { RowChunks } from './RowChunks';
import { TableTitle } from './TableFrame';
import { buildGrid, isSubjectTable, type PendingRow, pendingRows } from './tableGrid';
import { gridKey, pasteRefusal, useCellEditor } from './useCellEditor';

const NO_HIGHLIGHT: ReadonlySet<string> = new Set();
const NO_PENDING: PendingRow[] = [];

/** The table shows 年初/年末结转和结余 by 项 (政府性基金; 上海's 国有资本经营 too). */
function carriesOver(table: DerivedTable): boolean {
  return table.columns.some((c) => c.key === 'opening');
}

/** A 项 row has a figure (the table prints more than its 合计 row). */
function tableHasData(table: DerivedTable): boolean {
  return table.rows.some((r) => r.kind === 'item');
}

const FUND_NAMES: Record<Fund, string> = { general: '一般公共预算财政拨款', govFund: '政府性基金预算财政拨款', stateCapital: '国有资本经营预算财政拨款' };

function positionOf(target: EventTarget): { row: number; col: number } | null {
  if (!(target instanceof Element)) return null;
  const td = target.closest('td[data-row]');
  if (!(td instanceof HTMLElement)) return null;
  return { row: Number(td.dataset.row), col: Number(td.dataset.col) };
}

export function TableEditor({ id }: { id: TableId }) {
  const loaded = useLoaded();
  const report = usePreviewReport();
  const table = usePreviewTable(id);
  const catalogue = useCatalogue();
  const unit = loaded.report.settings.inputUnit;
  const subject = isSubjectTable(table);
  // The 财政拨款 fund whose split this table shows (按表03填充).
  const fund = fundOfTable(id);
  // 政府性基金 / 国有资本经营 tables of a department without such funds: 本年度无此项, unless the officer opens it.
  const fundsKey = `${loaded.report.year}/${id}`;
  const expanded = useUi((s) => s.expandedFunds[fundsKey] === true);
  const noSuchFunds = fund !== undefined && fund !== 'general' && !expanded && !tableHasData(table);
  const allPending = useMemo(() => pendingRows(table, report, catalogue), [table, report, catalogue]);
  const pending = noSuchFunds ? NO_PENDING : allPending;
  const grid = useMemo(() => buildGrid(table, report, pending), [table, report, pending]);
  const [askAdd, setAskAdd] = useState<{ plan: PastePlan; label: string } | null>(null);
  const fills = useMemo(() => (fund ? fillFromTable03(loaded.report, fund) : []), [fund, loaded.report]);
  // 按表03填充 (上海: 按表3填充): from the year's 支出决算表.
  const source = tableShortName(requiredTableOfRole(loaded.report.settings.template, 'expenditure'));
  const [askFill, setAskFill] = useState(false);
  const prior = usePriorView();

  const pasteContext = (): PasteContext => pasteContextFor(loaded, table, grid, pending, catalogue, unit);

  const applyPaste = (plan: PastePlan, label: string) => {
    const customCodes: CustomCode[] = plan.missing.filter((m) => m.custom).map((m) => ({ catalogue: 'functional', code: m.code, name: m.name }));
    void actions().editFacts(plan.writes, label, { addItems: plan.missing.map((m) => m.code), customCodes });
    // The session's copy of the report now holds the figures the plan was checked with: the
    // table derived for the check is the one to show.
    const committed = actions().loaded?.report;
    if (plan.applied && committed) reuseTables(plan.applied, committed);
    const skipped = plan.skipped > 0 ? `，跳过 ${plan.skipped} 行标题或栏次` : '';
    const checked = plan.checked > 0 ? `，核对了 ${plan.checked} 个合计/小计数` : '';
    actions().notify('info', `已粘贴 ${plan.writes.length} 个数（${plan.mode === 'code' ? '按科目代码对齐' : '按位置对齐'}${checked}${skipped}）。`);
  };

  const editor = useCellEditor({
    grid,
    unit,
    isPendingRow: (row) => row >= table.rows.length,
    pasteContext,
    onPastePlan: (plan, rows) => {
      const label = `粘贴 ${rows} 行到${table.code}`;
      if (plan.missing.length > 0) setAskAdd({ plan, label });
      else applyPaste(plan, label);
    },
  });

  // A block pasted while no cell is active (the sheet itself has the focus): by code only.
  const onSheetPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    e.preventDefault();
    const plan = planPaste(pasteContext(), null, parseClipboardBlock(e.clipboardData.getData('text/plain')));
    if (plan.errors.length > 0) actions().notify('error', pasteRefusal(plan.errors));
    else if (plan.missing.length > 0) setAskAdd({ plan, label: `粘贴到${table.code}` });
    else if (plan.writes.length > 0) applyPaste(plan, `粘贴到${table.code}`);
  };

  // Tab from the toolbar into the table: the cursor goes to the first cell one can type in.
  const onSheetFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || editor.activePos) return;
    const first = firstEditable(grid);
    if (first) editor.activate(first);
  };
  const highlight = useSession((s) => s.highlight);
  const errors = useSession((s) => s.errors);
  const highlighted = useMemo(() => (highlight ? new Set(highlight.cells) : NO_HIGHLIGHT), [highlight]);
  const sheetRef = useRef<HTMLDivElement>(null);
  const [adding, setAdding] = useState(false);
  const [focusCode, setFocusCode] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<ItemFacts | null>(null);

  // From the check panel: bring the first highlighted cell into view.
  useEffect(() => {
    if (!highlight) return;
    const first = highlight.cells.find((c) => c.startsWith(`${id}.`));
    const el = first ? sheetRef.current?.querySelector(`[data-cell-id="${CSS.escape(first)}"]`) : null;
    el?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [highlight, id]);

  // After 添加科目: put the cursor on the new row's first input.
  useEffect(() => {
    if (!focusCode) return;
    for (const cols of grid) {
      for (const cell of cols) {
        const ref = cell?.kind === 'input' ? cell.ref : cell?.refs[0];
        if (cell && ref?.kind === 'item' && ref.code === focusCode) {
          editor.activateKey(gridKey(cell));
          setFocusCode(null);
          return;
        }
      }
    }
  }, [focusCode, grid, editor]);

  const onMouseDown = (e: MouseEvent<HTMLDivElement>) => {
    if (e.target instanceof HTMLInputElement || (e.target instanceof Element && e.target.closest('.breakdown, .row-delete'))) return;
    const pos = positionOf(e.target);
    if (pos && grid[pos.row]?.[pos.col]) {
      e.preventDefault();
      editor.activate(pos);
    }
  };

  const onDoubleClick = (e: MouseEvent<HTMLDivElement>) => {
    const pos = positionOf(e.target);
    if (pos && grid[pos.row]?.[pos.col]) editor.activate(pos, { caret: true });
  };

  // Stable across edits so the memoised rows do not repaint for it.
  const itemsRef = useRef(loaded.report.items);
  itemsRef.current = loaded.report.items;
  const requestDelete = useCallback((code: string) => {
    const item = itemsRef.current.find((i) => i.code === code);
    if (!item) return;
    if (itemHasData(item)) setDeleting(item);
    else void actions().deleteItem(code);
  }, []);

  // One context object for the editor's lifetime, updated in place: a new value on every render
  // would make React walk all of the table's rows looking for readers (there is one: the active
  // cell, whose row re-renders anyway).
  const editorContext = useMemo<EditorContextValue>(() => ({ editor, unit }), []);
  editorContext.editor = editor;
  editorContext.unit = unit;

  const active = editor.activePos;
  const activeRow = active?.row ?? -1;
  const bodyRows = table.rows.length;
  return (
    <EditorContext.Provider value={editorContext}>
      <div className="table-view">
        <div className="view-toolbar">
          {/* First: Tab from 添加科目 / 按表03填充 still goes straight into the table. */}
          <CellToolbar cell={editor.activeCell} />
          {subject ? (
            <button type="button" onClick={() => setAdding(true)}>
              ＋ 添加科目
            </button>
          ) : null}
          {fund ? (
            <button
              type="button"
              disabled={fills.length === 0}
              onClick={() => setAskFill(true)}
              title={
                fills.length === 0
                  ? `没有需要按${source}填充的科目：收入全部来自本项财政拨款且收支相等的科目已自动得出（斜体绿色）`
                  : `把${fills.length}个科目的基本支出、项目支出按${source}填入本表`
              }
            >
              按{source}填充{fills.length > 0 ? `（${fills.length}）` : ''}
            </button>
          ) : null}
          <span className="toolbar-hint">
            白色单元格可填写（录入单位：{unit}），灰色为自动计算（悬停查看公式）。回车确认，Tab 下一格，Esc 取消，Delete 清除，可从 Excel/WPS 粘贴整块数据。
          </span>
        </div>
        <div
          ref={sheetRef}
          id="table-sheet"
          tabIndex={editor.activePos ? -1 : 0}
          aria-label={`${table.code} ${table.title}`}
          className={`sheet${table.landscape ? ' landscape' : ''} t${id}`}
          onMouseDown={onMouseDown}
          onDoubleClick={onDoubleClick}
          onFocus={onSheetFocus}
          onPaste={onSheetPaste}
        >
          <TableTitle table={table} />
          <RowChunks
            table={table}
            grid={grid}
            gutter={subject}
            activeRow={activeRow}
            activeCol={active?.col ?? -1}
            highlighted={highlighted}
            errors={errors}
            onDelete={subject ? requestDelete : undefined}
            prior={prior}
          />
          <div className="sheet-note">{table.note}</div>
          {table.emptyNote ? <div className="sheet-note">{table.emptyNote}</div> : null}
          {noSuchFunds ? (
            <div className="no-such-funds" data-testid="no-such-funds">
              <strong>本年度无此项</strong>
              <p>
                本部门本年度没有{FUND_NAMES[fund ?? 'general']}{carriesOver(table) ? '收入、支出和结转结余' : '支出'}，本表将按“{table.emptyNote ?? '本表无数据'}”打印，无需填写。
              </p>
              <button type="button" onClick={() => useUi.getState().expandFunds(fundsKey)}>
                本部门有此项收支，展开填写
              </button>
            </div>
          ) : null}
          {subject ? (
            <PendingBlock
              table={table}
              rows={pending}
              firstRow={bodyRows}
              activeRow={activeRow}
              activeCol={active?.col ?? -1}
              onDelete={requestDelete}
            />
          ) : null}
          {subject && !noSuchFunds && pending.length === 0 && table.rows.length <= 1 ? (
            <div className="pending-empty">本表还没有科目。点击“添加科目”，按代码或名称查找项级科目后填写数字。</div>
          ) : null}
        </div>
      </div>
      {adding ? (
        <AddItemDialog
          onClose={() => setAdding(false)}
          onAdded={(codes) => {
            setAdding(false);
            setFocusCode(codes[0] ?? null);
          }}
        />
      ) : null}
      {askFill ? (
        <Confirm
          title={`按${source}填充`}
          confirmText={`填充 ${fills.length} 个科目`}
          onCancel={() => setAskFill(false)}
          onConfirm={() => {
            setAskFill(false);
            void actions().editFacts(
              fills.flatMap((f) => f.writes),
              `${table.code} 按${source}填充 ${fills.length} 个科目`,
            );
          }}
        >
          <p>
            以下科目的收入全部来自{FUND_NAMES[fund ?? 'general']}，但本表还没有数：将把{source}的基本支出、项目支出填入本表（收支不等时请核对：差额可能来自上年结转或其他资金）。可以撤销。
          </p>
          <ul className="missing-codes">
            {fills.map((f) => (
              <li key={f.code}>
                <span className="pick-code">{f.code}</span> {catalogue.functionalName(f.code) ?? ''}
              </li>
            ))}
          </ul>
        </Confirm>
      ) : null}
      {askAdd ? (
        <Confirm
          title="粘贴的内容含有尚未添加的科目"
          confirmText={`添加 ${askAdd.plan.missing.length} 个科目并粘贴`}
          onCancel={() => setAskAdd(null)}
          onConfirm={() => {
            const { plan, label } = askAdd;
            setAskAdd(null);
            applyPaste(plan, label);
          }}
        >
          <p>以下科目还不在本年度的报表中，添加后再粘贴（可以撤销粘贴的数字）：</p>
          <ul className="missing-codes">
            {askAdd.plan.missing.map((m) => (
              <li key={m.code}>
                <span className="pick-code">{m.code}</span> {m.name}
                {m.custom ? <span className="pick-have">目录中没有，按粘贴的名称作为自定义科目添加</span> : null}
              </li>
            ))}
          </ul>
        </Confirm>
      ) : null}
      {deleting ? (
        <DeleteItemConfirm
          item={deleting}
          name={catalogue.functionalName(deleting.code) ?? ''}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const code = deleting.code;
            setDeleting(null);
            void actions().deleteItem(code);
          }}
        />
      ) : null}
    </EditorContext.Provider>
  );
}
