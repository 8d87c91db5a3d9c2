import { csvCell, toCsv } from './csv.js';

describe('csvCell', () => {
  it.each([
    ['plain', '李秀英', '李秀英'],
    ['number', 90, '90'],
    ['null', null, ''],
    ['comma', '1栋,2单元', '"1栋,2单元"'],
    ['quote', '说"好"', '"说""好"""'],
    ['newline', 'a\nb', '"a\nb"'],
    ['formula', '=SUM(A1)', "'=SUM(A1)"],
    ['formula with quotes', '=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['leading plus', '+86 138', "'+86 138"],
    ['leading minus in text', '-1', "'-1"],
    ['negative number stays a number', -30, '-30'],
    ['at sign', '@cmd', "'@cmd"],
    ['leading tab', '\tx', "'\tx"],
  ] as const)('%s', (_n, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['姓名', '余额'],
        ['李秀英', 90],
      ]),
    ).toBe('\uFEFF姓名,余额\r\n李秀英,90\r\n');
  });
});
