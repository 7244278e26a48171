/** One drafted paragraph: literal text, highlighted figures (source on hover), editable fields. */
import type { CheckContext } from '../../../shared/domain/checks';
import { isCountFact } from '../../../shared/domain/model';
import type { Paragraph } from '../../../shared/domain/narrative';
import { actions } from '../../store/useSession';
import { useLoaded } from '../../store/useDerived';
import { FactField } from '../../ui/FactField';
import type { PriorFigures } from '../../../shared/domain/narrative';
import { FieldRun } from './FieldRun';
import { figureCells, figureSourceText, type LastYear, yoyParts } from './figureSource';

export interface ParagraphViewProps {
  paragraph: Paragraph;
  texts: Readonly<Record<string, string>>;
  ctx: CheckContext;
  where: string;
  /** Last year's figures and report, for showing both years of each year-over-year change. */
  prior?: PriorFigures;
  last?: LastYear | null;
}

export function ParagraphView({ paragraph, texts, ctx, where, prior, last = null }: ParagraphViewProps) {
  const unit = useLoaded().report.settings.inputUnit;
  const runs = paragraph.runs.map((run, k) => {
    switch (run.kind) {
      case 'text':
        return <span key={k}>{run.text}</span>;
      case 'figure': {
        if (run.missing) {
          const next = paragraph.runs[k + 1];
          const unitFollows = next?.kind === 'text' && next.text.startsWith(unit);
          return (
            <span key={k} className="missing-figure">
              <FactField
                fact={run.missing.fact}
                label={run.missing.label}
                valueType={isCountFact(run.missing.fact) ? 'count' : 'money'}
                required
                inline
                hideUnit={unitFollows || isCountFact(run.missing.fact)}
              />
            </span>
          );
        }
        const cells = figureCells(run.source);
        const yoy = yoyParts(run.source, ctx, prior, last);
        return (
          <span key={k} className="fig-wrap">
            <span
              className={`fig${cells.length > 0 ? ' linked' : ''}`}
              title={figureSourceText(run.source, ctx, yoy)}
              onClick={cells.length > 0 ? () => actions().showCells(cells) : undefined}
            >
              {run.text}
            </span>
            {yoy ? (
              <span className="yoy-detail" data-testid="yoy-detail">
                本年{yoy.current} 上年{yoy.prior}（{yoy.origin}）
              </span>
            ) : null}
          </span>
        );
      }
      case 'field':
        return <FieldRun key={k} run={run} stored={texts[run.key] ?? ''} where={where} />;
    }
  });
  if (paragraph.style === 'body') return <p className="para">{runs}</p>;
  return <h4 className={`para-${paragraph.style}`}>{runs}</h4>;
}
