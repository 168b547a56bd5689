import { describe, expect, it } from 'vitest';
import type { DefinitionUse, Tenant } from '../api';
import { renderProcedureVersions } from './procedureVersions';

const tenant = (insee: string, name: string): Tenant => ({ insee, name, postalCode: '67000', population: 1000, status: 'ACTIVE' }) as unknown as Tenant;
const use = (commune: string, processKey: string, name: string, variant: boolean, version: number): DefinitionUse => ({
  commune,
  processKey,
  name,
  version,
  definitionId: `${processKey}:${version}:x`,
  communeVariant: variant,
  deployedAt: variant ? '2026-12-02T08:00:00Z' : null,
  defaultVersion: 1,
});

describe('procedure versions (DSI)', () => {
  it('shows, per commune and process, the shared definition or the commune variant', () => {
    const root = document.createElement('main');
    root.append(
      ...renderProcedureVersions(
        [
          use('67212', 'leaveRequest', 'Demande de congé', true, 3),
          use('67212', 'missionOrder', 'Ordre de mission', false, 1),
          use('67001', 'leaveRequest', 'Demande de congé', false, 1),
          use('67001', 'missionOrder', 'Ordre de mission', false, 1),
        ],
        [tenant('67212', 'Holtzheim'), tenant('67001', 'Achenheim')],
      ),
    );
    const headers = [...root.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headers).toEqual(['Commune', 'Demande de congé', 'Ordre de mission']);
    const rows = [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows[0][0]).toBe('Achenheim (67001)');
    expect(rows[1][0]).toBe('Holtzheim (67212)');
    expect(rows[1][1]).toMatch(/^Variante de la commune, version 3/);
    expect(rows[1][2]).toBe('Définition partagée, version 1');
    expect(root.querySelector('.lead')?.textContent).toContain('1 variante(s)');
    expect(root.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('Tableau des versions de procédures');
  });
});
