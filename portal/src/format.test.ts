import { describePrice, formatDate, formatEuro, todayIso } from './format';

describe('French formatting', () => {
  it('formats unit prices with up to four decimals', () => {
    expect(formatEuro(0.35)).toBe('0,35\u00a0€');
    expect(formatEuro('0.1200')).toBe('0,12\u00a0€');
    expect(formatEuro(0.0125)).toBe('0,0125\u00a0€');
    expect(formatEuro(null)).toBe('—');
  });

  it('formats ISO dates as dd/mm/yyyy', () => {
    expect(formatDate('2026-11-23')).toBe('23/11/2026');
    expect(formatDate(undefined)).toBe('—');
  });

  it('describes a price with its unit and base fee', () => {
    expect(describePrice({ unitPrice: 0.12, yearlyBaseFee: 150 }, 'gb-month')).toBe(
      '0,12\u00a0€ par Go et par mois, plus un forfait de 150,00\u00a0€ par an',
    );
    expect(describePrice(null, 'signature')).toBe('Tarif non publié');
  });

  it('gives today in Europe/Paris', () => {
    expect(todayIso(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-24');
    expect(todayIso(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
