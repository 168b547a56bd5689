import { describePrice, formatBytes, formatDate, formatEuro, todayIso } from './format';

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

  it('formats sizes in French, in multiples of 1 024', () => {
    expect(formatBytes(0)).toBe('0\u00a0octet');
    expect(formatBytes(1)).toBe('1\u00a0octet');
    expect(formatBytes(512)).toBe('512\u00a0octets');
    expect(formatBytes(1536)).toBe('1,5\u00a0Ko');
    expect(formatBytes(Math.round(12.4 * 1024 * 1024))).toBe('12,4\u00a0Mo');
    expect(formatBytes(10 * 1024 ** 3)).toBe('10\u00a0Go');
    expect(formatBytes(50 * 1024 ** 3)).toBe('50\u00a0Go');
    expect(formatBytes(1024 * 1024 - 10)).toBe('1\u00a0Mo');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3\u00a0072\u00a0To');
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(-1)).toBe('—');
  });
});
