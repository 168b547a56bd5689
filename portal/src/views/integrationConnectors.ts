import {
  CONNECTOR_KINDS,
  CONNECTOR_LABEL,
  EXCHANGES_PATH,
  MAX_SCHEDULE_MINUTES,
  MIN_SCHEDULE_MINUTES,
  TRANSPORTS,
  TRANSPORT_LABEL,
  connectorNoun,
  connectorProblems,
  connectorRequest,
  draftOf,
  failedStep,
  labelOf,
  messageCount,
  prettyMappings,
  scheduleText,
  summaryEntries,
  testSummary,
  type Connector,
  type ConnectorDraft,
  type ConnectorField,
  type ConnectorKind,
  type OutboxSummary,
  type TestReport,
} from '../integration';
import { h, srOnly } from '../dom';
import { formatInteger } from '../format';
import type { ViewContext } from './context';
import { openFormDialog } from './dialog';
import { messageOf } from './documentParts';
import { busy, errorSummary, formField, sectionStatus, type FieldProblem } from './leaveParts';
import { factList } from './parapheurParts';
import { integrationNav, testStepItem } from './integrationParts';

const TITLE = 'Connecteurs';

/** The ids' prefix of a connector's section: « connecteur-hr », « connecteur-finance ». */
const prefixOf = (kind: ConnectorKind) => `connecteur-${kind.toLowerCase()}`;

/** The control ids of the form's fields. */
const FIELD_IDS: Record<ConnectorField, string> = {
  transport: 'transport',
  endpoint: 'adresse',
  username: 'identifiant',
  secret: 'secret',
  scheduleMinutes: 'periodicite',
  mappings: 'correspondances',
  enabled: 'actif',
};

/**
 * The commune's connectors to its HR and finance software (commune administrator): for each, the configuration in force
 * or « Non configuré », the form that sets it (the secret is write-only: never shown, an empty field keeps it), the
 * connection test step by step and the removal; above them, the outbox's counts with a link to the exchanges.
 */
export async function connectorsView(ctx: ViewContext): Promise<HTMLElement[]> {
  const [connectors, summary] = await Promise.all([ctx.api.integration.connectors(), ctx.api.integration.summary().catch(() => null)]);
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    integrationNav('connecteurs'),
    h(
      'p',
      { class: 'lead' },
      'Les connecteurs transmettent aux logiciels de la commune ce que les procédures de MetroCloud décident : les congés accordés ou annulés au logiciel RH, les ordres de mission signés et les frais à rembourser au logiciel financier. Chaque message est envoyé une seule fois, avec de nouveaux essais en cas d’échec.',
    ),
    summarySection(summary),
    ...CONNECTOR_KINDS.map((kind) => connectorSection(ctx, kind, connectors.find((c) => c.kind === kind) ?? null)),
  ];
}

function summarySection(summary: OutboxSummary | null): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'messages-titre' },
    h('h2', { id: 'messages-titre' }, 'Messages vers les logiciels'),
    summary
      ? h(
          'dl',
          { class: 'facts integration-counts' },
          summaryEntries(summary).flatMap(([label, n, status]) => [
            h('dt', {}, label),
            h('dd', { 'data-status': status }, status === 'DEAD' && n > 0 ? h('strong', { class: 'status anomaly' }, messageCount(n)) : messageCount(n)),
          ]),
        )
      : h('p', { class: 'empty' }, 'Les compteurs de messages sont momentanément indisponibles.'),
    summary && summary.DEAD > 0
      ? h('p', {}, `${summary.DEAD === 1 ? 'Un message a' : `${formatInteger(summary.DEAD)} messages ont`} échoué définitivement : corrigez la cause (adresse, secret …), puis rejouez-les depuis le suivi des échanges.`)
      : null,
    h('p', {}, h('a', { href: EXCHANGES_PATH, 'data-link': true }, 'Voir le suivi des échanges')),
  );
}

/** A connector's section: its status message (focused after each action) and its body, rebuilt after a change. */
function connectorSection(ctx: ViewContext, kind: ConnectorKind, initial: Connector | null): HTMLElement {
  const prefix = prefixOf(kind);
  const status = sectionStatus(`${prefix}-resultat`);
  const body = h('div', { class: 'connector-body' });
  const render = (connector: Connector | null) => body.replaceChildren(...connectorBody(ctx, kind, connector, render, status.say));
  render(initial);
  return h('section', { class: 'settings-section connector-section', 'aria-labelledby': `${prefix}-titre` }, h('h2', { id: `${prefix}-titre` }, CONNECTOR_LABEL[kind]), status.element, body);
}

/** The configuration in force: transport, address, identifier, whether a secret is stored (never the secret). */
function currentConfiguration(kind: ConnectorKind, connector: Connector | null): HTMLElement[] {
  const prefix = prefixOf(kind);
  const heading = h('h3', { id: `${prefix}-actuel` }, 'Configuration actuelle');
  if (!connector) {
    return [heading, h('p', { class: 'connector-state' }, h('strong', {}, 'Non configuré'), ` : aucun ${connectorNoun(kind)} n’est relié à MetroCloud.`)];
  }
  const mappings = prettyMappings(connector.mappings);
  return [
    heading,
    factList([
      ['État', h('span', { class: connector.enabled ? 'status status-active' : 'status' }, connector.enabled ? 'Actif' : 'Inactif (aucun envoi)')],
      ['Transport', labelOf(TRANSPORT_LABEL, connector.transport)],
      ['Adresse', h('span', { class: 'endpoint' }, connector.endpoint)],
      ['Identifiant', connector.username || 'Aucun'],
      ['Secret', connector.secretSet ? 'Un secret est enregistré' : 'Aucun secret enregistré'],
      ['Périodicité', scheduleText(connector.scheduleMinutes)],
      ['Correspondances de champs', mappings === '{}' ? 'Aucune (noms par défaut)' : h('pre', { class: 'mappings' }, mappings)],
    ]),
  ];
}

function connectorBody(
  ctx: ViewContext,
  kind: ConnectorKind,
  connector: Connector | null,
  render: (c: Connector | null) => void,
  say: (message: string) => void,
): HTMLElement[] {
  const prefix = prefixOf(kind);
  const id = (field: ConnectorField) => `${prefix}-${FIELD_IDS[field]}`;
  const noun = connectorNoun(kind);
  const draft = draftOf(connector);

  const transport = h('select', { id: id('transport'), name: 'transport' }, TRANSPORTS.map((t) => h('option', { value: t.value, selected: t.value === draft.transport }, t.label)));
  const endpoint = h('input', { id: id('endpoint'), name: 'endpoint', type: 'url', maxlength: 500, autocomplete: 'off', spellcheck: 'false', value: draft.endpoint });
  const username = h('input', { id: id('username'), name: 'username', type: 'text', maxlength: 200, autocomplete: 'off', spellcheck: 'false', value: draft.username });
  // write-only: never filled in, the browser is asked not to offer a saved password
  const secret = h('input', { id: id('secret'), name: 'secret', type: 'password', maxlength: 4096, autocomplete: 'new-password', spellcheck: 'false' });
  const schedule = h('input', {
    id: id('scheduleMinutes'),
    name: 'scheduleMinutes',
    type: 'number',
    min: MIN_SCHEDULE_MINUTES,
    max: MAX_SCHEDULE_MINUTES,
    step: 1,
    inputmode: 'numeric',
    class: 'short',
    value: draft.scheduleMinutes,
  });
  const mappings = h('textarea', { id: id('mappings'), name: 'mappings', rows: 5, maxlength: 20000, spellcheck: 'false', class: 'mappings' });
  mappings.value = draft.mappings;
  const enabled = h('input', { id: id('enabled'), name: 'enabled', type: 'checkbox', checked: draft.enabled });

  const save = h('button', { type: 'submit', class: 'button' }, 'Enregistrer', srOnly(` la configuration du ${noun}`));
  const test = connector ? h('button', { type: 'button', class: 'button secondary' }, 'Tester la connexion', srOnly(` au ${noun}`)) : null;
  const remove = connector ? h('button', { type: 'button', class: 'button danger' }, 'Supprimer', srOnly(` le connecteur du ${noun}`)) : null;
  const buttons = [save, test, remove].filter((b): b is HTMLButtonElement => b !== null);
  const setBusy = (on: boolean) => buttons.forEach((b) => busy(b, on));
  const testResult = h('div', { class: 'connection-test', id: `${prefix}-test` });

  let form: HTMLFormElement;
  const summary = errorSummary(`${prefix}-erreurs`, () => form);
  const secretHint = connector?.secretSet
    ? 'Mot de passe ou jeton d’accès. Il est chiffré avec la clé de la commune et n’est plus jamais affiché. Laissez ce champ vide pour conserver le secret enregistré.'
    : 'Mot de passe ou jeton d’accès. Il est chiffré avec la clé de la commune et n’est plus jamais affiché.';
  form = h(
    'form',
    { class: 'parapheur-form connector-form', novalidate: true, 'aria-labelledby': `${prefix}-titre ${prefix}-form-titre` },
    h('h3', { id: `${prefix}-form-titre` }, connector ? 'Modifier la configuration' : 'Configurer le connecteur'),
    h('p', { class: 'hint' }, 'Tous les champs sont obligatoires, sauf mention « facultatif ».'),
    summary.element,
    formField(id('transport'), 'Transport', transport, 'REST : le logiciel reçoit chaque message en JSON par HTTPS. SFTP : MetroCloud dépose des fichiers CSV sur son serveur.'),
    formField(id('endpoint'), 'Adresse du logiciel', endpoint, 'REST : https://hôte[:port]/chemin ; SFTP : sftp://hôte[:port]/répertoire. Sans identifiant ni secret dans l’adresse.', true),
    formField(id('username'), 'Identifiant (facultatif)', username),
    formField(id('secret'), 'Secret : mot de passe ou jeton (facultatif)', secret, secretHint),
    formField(id('scheduleMinutes'), 'Périodicité en minutes', schedule, 'Rythme des échanges groupés, de 5 à 10 080 minutes (7 jours).'),
    formField(
      id('mappings'),
      'Correspondances de champs (JSON)',
      mappings,
      'Un objet JSON qui renomme les champs pour le logiciel, par exemple {"matricule": "code_agent"} ; {} garde les noms de MetroCloud.',
      true,
    ),
    h('div', { class: 'field choice' }, h('div', { class: 'inline-controls' }, enabled, h('label', { for: enabled.id }, 'Connecteur actif (les messages sont envoyés)'))),
    connector ? h('p', { class: 'hint' }, 'Le test de connexion utilise la configuration enregistrée : enregistrez vos changements avant de tester.') : null,
    h('div', { class: 'actions' }, save, test, remove),
  );

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const typed: ConnectorDraft = {
      transport: transport.value,
      endpoint: endpoint.value,
      username: username.value,
      secret: secret.value,
      scheduleMinutes: schedule.value,
      mappings: mappings.value,
      enabled: enabled.checked,
    };
    const problems = connectorProblems(typed).map(([field, message]): FieldProblem => ({ id: id(field), message }));
    if (problems.length > 0) {
      summary.show(problems);
      return;
    }
    summary.clear();
    setBusy(true);
    const request = connectorRequest(typed);
    try {
      const saved = await ctx.api.integration.save(kind, request);
      render(saved);
      const secretText =
        request.secret !== undefined
          ? ' Le nouveau secret est chiffré ; il ne sera plus affiché.'
          : saved.secretSet
            ? ' Le secret enregistré est conservé.'
            : '';
      say(`Configuration du ${noun} enregistrée${saved.enabled ? '' : ' ; le connecteur est inactif'}.${secretText}`);
    } catch (err) {
      setBusy(false);
      summary.show([], [messageOf(err)]);
    }
  });

  test?.addEventListener('click', async () => {
    summary.clear();
    testResult.replaceChildren();
    setBusy(true);
    let report: TestReport;
    try {
      report = await ctx.api.integration.test(kind);
    } catch (err) {
      setBusy(false);
      summary.show([], [messageOf(err)]);
      return;
    }
    setBusy(false);
    testResult.replaceChildren(...testReport(kind, report));
    say(testSummary(kind, report));
  });

  remove?.addEventListener('click', () => {
    summary.clear();
    openFormDialog({
      title: `Supprimer le connecteur du ${noun} ?`,
      description: `Sa configuration et son secret sont effacés. Les messages destinés au ${noun} attendront qu’un connecteur soit de nouveau configuré.`,
      fields: [],
      confirmLabel: 'Supprimer le connecteur',
      cancelLabel: 'Conserver le connecteur',
      danger: true,
      action: async () => {
        await ctx.api.integration.remove(kind);
        // once the dialog is closed (the page is inert while it is open)
        return () => {
          render(null);
          say(`Le connecteur du ${noun} est supprimé : ses messages attendront une nouvelle configuration.`);
        };
      },
    });
  });

  return [...currentConfiguration(kind, connector), form, testResult];
}

/** The test's steps, in order, with the failed one said; the steps after it were not run. */
function testReport(kind: ConnectorKind, report: TestReport): HTMLElement[] {
  const prefix = prefixOf(kind);
  const failed = failedStep(report);
  const parts: (HTMLElement | null)[] = [
    h('h3', { id: `${prefix}-test-titre` }, 'Résultat du test de connexion'),
    h('p', { class: report.ok ? 'report-summary summary-ok' : 'report-summary summary-failed' }, report.ok ? 'Toutes les étapes ont abouti.' : failed ? `Échec à l’étape « ${failed.name} ».` : 'Le test a échoué.'),
    h('ol', { class: 'test-steps', 'aria-labelledby': `${prefix}-test-titre` }, report.steps.map(testStepItem)),
    failed ? h('p', { class: 'hint' }, 'Le test s’arrête à la première étape en échec.') : null,
  ];
  return parts.filter((e): e is HTMLElement => e !== null);
}
