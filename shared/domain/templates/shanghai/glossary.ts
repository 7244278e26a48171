/**
 * 上海's 第四部分 名词解释: eleven entries (SPEC §8, the 2024 template) — the terms its nine tables
 * print, in 山西's wording of the catalogue edition. 机关运行经费 is the one of 山西's twelve left
 * out: 上海 prints it in no table (公开10表 does not exist there), and 情况说明 十一（一） says what
 * it is where it reports the figure.
 */
import { standardGlossary } from '../../narrative/glossary';
import type { GlossaryTerm } from '../../package';

/** The term 上海 leaves out of 山西's twelve. */
export const SHANGHAI_GLOSSARY_OMITS = '机关运行经费';

export function shanghaiGlossary(edition: number): readonly GlossaryTerm[] {
  return standardGlossary(edition).filter((t) => t.term !== SHANGHAI_GLOSSARY_OMITS);
}
