/** The view the navigation tree selected. */
import { useSession } from '../../store/useSession';
import { viewInTemplate } from '../../store/view';
import { AttachmentsView } from '../attachments/AttachmentsView';
import { FormEditor } from '../attachments/FormEditor';
import { KeyReportEditor } from '../attachments/KeyReportEditor';
import { CheckPanel } from '../checks/CheckPanel';
import { CompareView } from '../compare/CompareView';
import { ChangeLogView } from '../history/ChangeLogView';
import { GlossaryEditor } from '../glossary/GlossaryEditor';
import { FillGuide } from '../guide/FillGuide';
import { NarrativeView } from '../narrative/NarrativeView';
import { OverviewEditor } from '../overview/OverviewEditor';
import { SettingsView } from '../settings/SettingsView';
import { TableEditor } from '../tables/TableEditor';

export function MainView() {
  const chosen = useSession((s) => s.view);
  const template = useSession((s) => s.loaded?.report.settings.template);
  // The session keeps the view in the year's template; never show a table the template lacks.
  const view = template === undefined ? chosen : viewInTemplate(chosen, template);
  switch (view.kind) {
    case 'guide':
      return <FillGuide />;
    case 'overview':
      return <OverviewEditor />;
    case 'settings':
      return <SettingsView />;
    case 'table':
      return <TableEditor key={view.id} id={view.id} />;
    case 'narrative':
      return <NarrativeView key={view.id} id={view.id} />;
    case 'glossary':
      return <GlossaryEditor />;
    case 'attachments':
      return <AttachmentsView />;
    case 'form':
      return <FormEditor key={view.id} id={view.id} />;
    case 'keyReport':
      return <KeyReportEditor key={view.id} id={view.id} />;
    case 'checks':
      return <CheckPanel />;
    case 'compare':
      return <CompareView />;
    case 'changes':
      return <ChangeLogView key={view.target ?? ''} {...(view.target ? { target: view.target } : {})} />;
  }
}
