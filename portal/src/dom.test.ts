import { h } from './dom';

describe('DOM helper', () => {
  it('never interprets values as markup', () => {
    const el = h('p', { title: '"><script>' }, '<img src=x onerror=alert(1)>');
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(el.getAttribute('title')).toBe('"><script>');
  });

  it('drops false and undefined attributes and children', () => {
    const el = h('button', { disabled: false, hidden: undefined, type: 'button' }, null, false, 'OK');
    expect(el.hasAttribute('disabled')).toBe(false);
    expect(el.outerHTML).toBe('<button type="button">OK</button>');
  });
});
