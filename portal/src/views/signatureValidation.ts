import type { SignatureResult, ValidationReport } from '../api';
import { announce, h } from '../dom';
import { formatDateTime } from '../format';
import { INDICATION, labelOf, reportFileName, subIndicationText, validationSummary } from '../parapheur';
import { isCommuneMember } from '../routes';
import type { ViewContext } from './context';
import { saveBlob } from './documentParts';
import { parapheurNav, showProblem } from './parapheurParts';

const TITLE = 'Valider une signature';
export const ROOT_CERTIFICATE_URL = '/api/v1/pki/root.crt';

/** Any signed-in person (the DSI's operator too) checks the signatures of a PDF and reads the report. */
export async function signatureValidationView(ctx: ViewContext): Promise<HTMLElement[]> {
  const report = h('div', { id: 'validation-rapport' });
  return [
    h('h1', { tabindex: '-1' }, TITLE),
    isCommuneMember(ctx.me) ? parapheurNav(ctx.me, null) : null,
    h(
      'p',
      { class: 'lead' },
      'Vérifiez les signatures électroniques d’un document PDF : intégrité du document, identité du signataire, validité du certificat et horodatage. Les certificats délivrés par la plateforme MetroCloud sont reconnus comme de confiance.',
    ),
    h(
      'p',
      {},
      h('a', { href: ROOT_CERTIFICATE_URL, download: 'metrocloud-racine.crt' }, 'Télécharger le certificat racine de la plateforme'),
      ' (pour vérifier les signatures dans un autre logiciel, par exemple un lecteur PDF).',
    ),
    validationForm(ctx, report),
    report,
  ].filter((e): e is HTMLElement => e !== null);
}

function validationForm(ctx: ViewContext, target: HTMLElement): HTMLFormElement {
  const file = h('input', { id: 'validation-fichier', name: 'file', type: 'file', accept: 'application/pdf,.pdf', required: true, class: 'file-input', 'aria-describedby': 'validation-fichier-aide' });
  const error = h('div', { class: 'alert alert-error', role: 'alert', hidden: true });
  const status = h('p', { class: 'busy-status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'button' }, 'Valider');
  const form = h(
    'form',
    { class: 'parapheur-form', 'aria-labelledby': 'validation-form-titre' },
    h('h2', { id: 'validation-form-titre' }, 'Document à vérifier'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'validation-fichier' }, 'Document PDF'),
      h('p', { class: 'hint', id: 'validation-fichier-aide' }, 'Un fichier PDF signé. Le document n’est pas conservé par la plateforme.'),
      file,
    ),
    error,
    h('div', { class: 'actions' }, submit),
    status,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!form.reportValidity()) return;
    const chosen = file.files?.[0];
    if (!chosen) return;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    status.textContent = 'Vérification des signatures en cours…';
    target.replaceChildren();
    try {
      const report = await ctx.api.validateSignatures(chosen);
      status.textContent = '';
      target.replaceChildren(reportSection(report, chosen.name));
      const heading = target.querySelector('h2') as HTMLElement;
      heading.focus();
      announce(`Rapport de validation : ${validationSummary(report)}.`);
    } catch (err) {
      status.textContent = '';
      showProblem(error, err);
    } finally {
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
    }
  });
  return form;
}

function reportSection(report: ValidationReport, chosenName: string): HTMLElement {
  const fileName = report.fileName || chosenName;
  const allValid = report.signaturesCount > 0 && report.validSignaturesCount === report.signaturesCount;
  const download = h('button', { type: 'button', class: 'button secondary' }, 'Télécharger le rapport (JSON)');
  download.addEventListener('click', () => {
    const name = reportFileName(fileName);
    saveBlob(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), name);
    announce(`Téléchargement de « ${name} » lancé.`);
  });
  return h(
    'section',
    { class: 'validation-report', 'aria-labelledby': 'rapport-titre' },
    h('h2', { id: 'rapport-titre', tabindex: '-1' }, 'Rapport de validation'),
    h('p', { class: `report-summary ${allValid ? 'summary-ok' : 'summary-warn'}` }, validationSummary(report)),
    h('dl', { class: 'facts' }, h('dt', {}, 'Fichier'), h('dd', { class: 'file-name' }, fileName), h('dt', {}, 'Vérifié le'), h('dd', {}, formatDateTime(report.validationTime))),
    h('div', { class: 'actions' }, download),
    report.signatures.length === 0
      ? h('p', { class: 'empty' }, 'Ce document ne contient aucune signature électronique.')
      : h('ol', { class: 'signature-list' }, report.signatures.map((s, i) => h('li', {}, signatureCard(s, i + 1)))),
  );
}

const yesNo = (b: boolean) => (b ? 'Oui' : 'Non');

function signatureCard(s: SignatureResult, n: number): HTMLElement {
  const titleId = `signature-${n}`;
  const fact = (term: string, value: Node | string | null | undefined) => (value === null || value === undefined || value === '' ? [] : [h('dt', {}, term), h('dd', {}, value)]);
  const revocation = s.signerRevoked
    ? h('strong', { class: 'revoked' }, `Certificat révoqué le ${formatDateTime(s.revocationTime)}${s.revocationReason ? ` (motif : ${s.revocationReason})` : ''}`)
    : 'Non révoqué';
  const messages = (title: string, list: string[] | null | undefined, cls: string) =>
    list && list.length ? [h('h4', {}, title), h('ul', { class: cls }, list.map((m) => h('li', {}, m)))] : [];
  return h(
    'article',
    { class: `card signature-card indication-${s.indication.toLowerCase()}`, 'aria-labelledby': titleId },
    h('h3', { id: titleId }, `Signature ${n} : ${s.signedBy || 'signataire inconnu'}`),
    h('p', { class: 'indication' }, 'Résultat : ', h('strong', { class: `status indication-label-${s.indication.toLowerCase()}` }, labelOf(INDICATION, s.indication))),
    h(
      'dl',
      { class: 'facts' },
      fact('Précision', s.subIndication ? subIndicationText(s.subIndication) : null),
      fact('Signataire', s.signedBy || '—'),
      fact('Date de signature', formatDateTime(s.signingTime)),
      fact('Existence prouvée le', s.bestSignatureTime ? formatDateTime(s.bestSignatureTime) : null),
      fact('Niveau', s.level || '—'),
      fact('Motif', s.reason || '—'),
      fact('Certificat', s.certificateSubject || '—'),
      fact('Numéro de série', s.certificateSerial ? h('code', { class: 'hash' }, s.certificateSerial) : '—'),
      fact('Émetteur', s.certificateIssuer || '—'),
      fact('Reconnu par la plateforme', yesNo(s.trustedByPlatform)),
      fact('Révocation', revocation),
      fact('Horodatée', yesNo(s.timestamped)),
    ),
    messages('Erreurs', s.errors, 'report-errors'),
    messages('Avertissements', s.warnings, 'report-warnings'),
  );
}
