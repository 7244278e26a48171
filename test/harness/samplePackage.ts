/**
 * Test helper: a whole PackageModel for one of the interchange fixtures (test/fixtures/*.json),
 * until the narrative engine exists. Tables come from deriveTables; 概况, the narrative and the
 * glossary are fixed sample text taken from seed 000 (shared/seeds/000_80dc64eda384f1d0.txt),
 * with a figure run and an unfilled required field so the exporters' handling of both is exercised.
 */
import { standardGlossary } from '../../shared/domain/narrative';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatInterchangeIssues, parseInterchangeText } from '../../shared/domain/interchange';
import type { Run, Section } from '../../shared/domain/narrative/types';
import { type GlossaryTerm, type PackageModel, packageTitle, unitComposition } from '../../shared/domain/package';
import { deriveTables, findCell, type ShanxiTables } from '../../shared/domain/tables';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The first three 职责 of seed 000 (晋城市商务局 2023). */
export const SAMPLE_DUTIES: readonly string[] = [
  '贯彻执行国家、省国内外贸易和国际经济合作的发展战略、方针、政策；制定我市有关内外贸易、外商投资、对外经济合作的发展规划、政策措施和实施办法并组织实施；研究经济全球化、区域经济合作、现代流通方式的发展趋势和流通体制改革并提出建议。',
  '推进流通产业结构调整；指导商贸服务业和社区商业发展；提出促进商贸企业发展的政策建议；推动流通标准化和连锁经营、商业特许经营、物流配送、电子商务等现代流通方式的发展；指导流通领域节能降耗和再生资源回收市场体系建设工作。',
  '拟定全市贸易发展规划；促进城乡市场发展；研究提出引导国内外资金投向市场体系建设的政策建议；指导大宗产品批发市场规划和城市商业网点规划、商业体系建设工作；推进农村市场体系建设，组织实施全市农村现代流通网络工程，促进城乡市场一体化发展。',
];

export const SAMPLE_ORGANISATION =
  '晋城市商务局部门包含2个全额事业单位晋城市商贸流通产业促进中心和晋城市口岸服务中心，1个自收自支事业单位晋城市对外劳务咨询和市场建设服务中心。晋城市商务局本级设办公室、人事宣教科、财务科、市场秩序和应急管理科、市场体系建设和运行调节科、流通业发展科、对外贸易发展科、对外经济合作科、开发区管理科、电子商务和信息化科10个内设机构。';

/** The twelve standard terms of 第四部分 名词解释, as seed 000 prints them. */
/** The twelve terms of seed 000 (the 2023 edition's standard wording). */
export const SAMPLE_GLOSSARY: readonly GlossaryTerm[] = standardGlossary(2023);

export const SAMPLE_GLOSSARY_EXTRA = '本单位无其他的解释说明';

/** The field the sample narrative leaves unfilled (required): the exporters print it as 【待填写】. */
export const SAMPLE_MISSING_FIELD_KEY = 'n1.reason';

/** A money cell as a sentence prints it: `0` for zero (blank in the table). */
function figure(tables: ShanxiTables, table: keyof ShanxiTables, row: string, column: string): Run {
  const cell = findCell(tables[table], row, column);
  if (!cell) throw new Error(`samplePackage: no cell ${table}.${row}.${column}`);
  return { kind: 'figure', text: cell.text === '' ? '0' : cell.text, value: cell.value ?? 0, source: { kind: 'cell', id: cell.id ?? `${table}.${row}.${column}` } };
}

function t(text: string): Run {
  return { kind: 'text', text };
}

function sampleNarrative(tables: ShanxiTables, year: number): Section[] {
  return [
    {
      id: 'n1',
      title: '一、收入支出决算总体情况说明',
      paragraphs: [
        {
          style: 'body',
          runs: [
            t(`${year}年度收入总计`),
            figure(tables, '01', 'L31', 'amount'),
            t('万元，支出总计'),
            figure(tables, '01', 'L31', 'amountR'),
            t('万元。主要原因是'),
            { kind: 'field', key: SAMPLE_MISSING_FIELD_KEY, text: '', required: true, hint: '收支增减的主要原因' },
            t('。'),
          ],
        },
      ],
    },
    {
      id: 'n5',
      title: '五、一般公共预算财政拨款支出决算情况说明',
      paragraphs: [
        { style: 'heading3', runs: [t('（一）一般公共预算财政拨款支出决算总体情况')] },
        {
          style: 'body',
          runs: [
            t(`${year}年一般公共预算财政拨款决算支出`),
            figure(tables, '05', 'total', 'subtotal'),
            t('万元，其中基本支出'),
            figure(tables, '05', 'total', 'basic'),
            t('万元，项目支出'),
            figure(tables, '05', 'total', 'project'),
            t('万元，'),
            { kind: 'field', key: 'n5.usage', text: '主要用于保障机关正常运转和开展商务工作', required: true, hint: '用于…' },
            t('。'),
          ],
        },
        { style: 'heading3', runs: [t('（二）一般公共预算财政拨款支出决算结构情况')] },
        {
          style: 'body',
          runs: [
            t('一般公共服务支出（类）'),
            figure(tables, '05', '201', 'subtotal'),
            t('万元。'),
            { kind: 'field', key: 'n5.optional', text: '', required: false, hint: '补充说明（可不填）' },
          ],
        },
      ],
    },
  ];
}

/** Reads and validates a fixture by file name (`jincheng-2023.json`). */
export function loadFixture(fixtureName: string) {
  const parsed = parseInterchangeText(readFileSync(`${FIXTURES_DIR}${fixtureName}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${fixtureName}: ${formatInterchangeIssues(parsed.issues)}`);
  return parsed.value;
}

export function samplePackage(fixtureName: string): PackageModel {
  const { department, report } = loadFixture(fixtureName);
  const tables = deriveTables(department, report);
  return {
    department,
    year: report.year,
    title: packageTitle(department, report),
    overview: { duties: [...SAMPLE_DUTIES], organisation: SAMPLE_ORGANISATION, units: unitComposition(department) },
    tables,
    narrative: sampleNarrative(tables, report.year),
    glossary: { terms: SAMPLE_GLOSSARY.map((g) => ({ ...g })), extra: SAMPLE_GLOSSARY_EXTRA },
    attachments: ['项目支出绩效自评表'],
  };
}
