import { ApiError, type Me } from '../api';
import { gedPage, pagination } from './documentParts';

const agent: Me = { subject: 's', username: 'agent.x', displayName: 'A', operator: false, roles: ['agent'], commune: { insee: '67043', name: 'Bischheim', status: 'ACTIVE' } };

describe('GED pages', () => {
  it('show the refusal and the catalogue when the commune is not subscribed', async () => {
    const detail = 'La commune n’est pas abonnée au service « Gestion électronique des documents (GED) ».';
    const page = await gedPage(agent, 'Bibliothèque de documents', async () => {
      throw new ApiError({ title: 'Service non souscrit', status: 403, code: 'service-not-subscribed', detail });
    });
    expect(page[0].tagName).toBe('H1');
    expect(page[1].getAttribute('role')).toBe('alert');
    expect(page[1].textContent).toBe(detail);
    expect(page[2].querySelector('a')?.getAttribute('href')).toBe('/catalogue');
    expect(page[2].textContent).toMatch(/^L’administrateur de votre commune/);
  });

  it('let other failures through to the page error, and drop absent parts', async () => {
    await expect(gedPage(agent, 'T', async () => Promise.reject(new ApiError({ title: 'Introuvable', status: 404 })))).rejects.toBeInstanceOf(ApiError);
    const page = await gedPage(agent, 'T', async () => [document.createElement('h1'), null]);
    expect(page).toHaveLength(1);
  });

  it('page long lists with previous/next links', () => {
    expect(pagination(20, 0, 20, 'Pages', String)).toBeNull();
    const first = pagination(45, 0, 20, 'Pages', (p) => `/documents?page=${p + 1}`) as HTMLElement;
    expect(first.getAttribute('aria-label')).toBe('Pages');
    expect([...first.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['Page suivante', '/documents?page=2']]);
    expect(first.textContent).toContain('Page 1 sur 3');
    const last = pagination(45, 2, 20, 'Pages', (p) => `/documents?page=${p + 1}`) as HTMLElement;
    expect([...last.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Page précédente']);
  });
});
