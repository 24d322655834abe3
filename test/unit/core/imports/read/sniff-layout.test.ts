import { describe, it, expect } from 'vitest'
import { DELIMITER_CANDIDATES, detectNewline, sniffLayout } from '../../../../../electron/core/imports/read/sniff-layout'

describe('sniffLayout', () => {
  it('picks the comma for a plain comma file', () => {
    expect(
      sniffLayout('code,amount,order,date\nANNA10,12.50,order1,2025-01-01\nBOB,3.00,order2,2025-01-02\n'),
    ).toEqual({ delimiter: ',', newline: '\n', columns: 4 })
  })

  it('picks the semicolon over the decimal comma in a single data line', () => {
    expect(sniffLayout('ANNA10;12,50;order1;2025-01-01\n')).toEqual({ delimiter: ';', newline: '\n', columns: 4 })
  })

  it('picks the semicolon over decimal commas on every line', () => {
    expect(sniffLayout('ANNA10;12,50;order1;2025-01-01\nBOB;3,00;order2;2025-01-02\n')).toEqual({
      delimiter: ';',
      newline: '\n',
      columns: 4,
    })
  })

  it('picks the semicolon when amounts with thousands points and decimal commas are mixed in', () => {
    expect(sniffLayout('code;amount\nANNA10;12,50\nBOB;1.234,56\nC;3\n')).toEqual({
      delimiter: ';',
      newline: '\n',
      columns: 2,
    })
  })

  describe('regression: the semicolon wins a tie with the comma', () => {
    it('lists the semicolon first and the comma last', () => {
      expect(DELIMITER_CANDIDATES).toEqual([';', '\t', '|', ','])
    })

    it('reads code;decimal-comma amount lines as two semicolon columns', () => {
      expect(sniffLayout('ANNA10;12,50\nBOB;3,00\nCAROL;7,25\n')).toEqual({ delimiter: ';', newline: '\n', columns: 2 })
    })

    it('reads code;"last, first" name lines as two semicolon columns', () => {
      expect(sniffLayout('ANNA10;Smith, Anna\nBOB;Jones, Bob\nCAROL;King, Carol\n')).toEqual({
        delimiter: ';',
        newline: '\n',
        columns: 2,
      })
    })

    it('keeps the tie-break with CRLF line endings', () => {
      expect(sniffLayout('ANNA10;12,50\r\nBOB;3,00\r\n')).toEqual({ delimiter: ';', newline: '\r\n', columns: 2 })
    })

    it('still picks the comma for a plain two-column comma file', () => {
      expect(sniffLayout('a,b\nc,d\n')).toEqual({ delimiter: ',', newline: '\n', columns: 2 })
    })

    it('still picks the comma when it makes more columns than the semicolon', () => {
      expect(sniffLayout('ANNA10,12.50,x;y\nBOB,3.00,z;w\n')).toEqual({ delimiter: ',', newline: '\n', columns: 3 })
    })
  })

  it('picks the tab', () => {
    expect(sniffLayout('code\tamount\torder\nA\t1,5\to1\nB\t2\to2\n')).toEqual({
      delimiter: '\t',
      newline: '\n',
      columns: 3,
    })
  })

  it('picks the pipe', () => {
    expect(sniffLayout('code|amount\nA|1,5\nB|2\n')).toEqual({ delimiter: '|', newline: '\n', columns: 2 })
  })

  it('reports a single column with the comma as a harmless default', () => {
    expect(sniffLayout('ANNA10\nBOB\nCAROL\n')).toEqual({ delimiter: ',', newline: '\n', columns: 1 })
  })

  it('reads a sample that is only a header line without a line break', () => {
    expect(sniffLayout('code,amount,order')).toEqual({ delimiter: ',', newline: '\n', columns: 3 })
  })

  it('reads a sample that is only a header line with a line break', () => {
    expect(sniffLayout('code;amount;order\n')).toEqual({ delimiter: ';', newline: '\n', columns: 3 })
  })

  it('reads an empty sample as one comma column', () => {
    expect(sniffLayout('')).toEqual({ delimiter: ',', newline: '\n', columns: 1 })
  })

  it('keeps the CRLF line ending', () => {
    expect(sniffLayout('a,b,c\r\n1,2,3\r\n4,5,6\r\n')).toEqual({ delimiter: ',', newline: '\r\n', columns: 3 })
  })

  it('keeps the old Mac CR line ending', () => {
    expect(sniffLayout('a;b;c\r1;2;3\r4;5;6\r')).toEqual({ delimiter: ';', newline: '\r', columns: 3 })
  })

  it('is not fooled by the other delimiter inside quoted fields', () => {
    expect(sniffLayout('code,name\n"A;1","x;y"\n"B;2","z"\n')).toEqual({ delimiter: ',', newline: '\n', columns: 2 })
    expect(sniffLayout('code;name\n"A,1";"x,y,z"\n"B,2";"z"\n')).toEqual({ delimiter: ';', newline: '\n', columns: 2 })
  })

  it('ignores the last line of the sample, which may be cut in half', () => {
    expect(sniffLayout('a;b;c\n1;2;3\n4;5;6\n7,8,9,10,11,12,13,14,15,16')).toEqual({
      delimiter: ';',
      newline: '\n',
      columns: 3,
    })
  })

  it('ignores blank lines', () => {
    expect(sniffLayout('a;b\n\n1;2\n\n\n3;4\n')).toEqual({ delimiter: ';', newline: '\n', columns: 2 })
  })

  it('gives up on a delimiter that splits fewer than 60% of the lines alike', () => {
    expect(sniffLayout('a,b\n1,2\n3,4\n5\n6\n7\n')).toEqual({ delimiter: ',', newline: '\n', columns: 1 })
  })
})

describe('detectNewline', () => {
  it.each([
    ['a\r\nb\r\n', '\r\n'],
    ['a\nb\n', '\n'],
    ['a\rb\r', '\r'],
    ['a\r\nb\n', '\r\n'],
    ['a\nb\r\n', '\n'],
    ['a\rb\n', '\r'],
    ['a\nb\r', '\n'],
    ['no line break', '\n'],
    ['', '\n'],
  ])('detects the line ending of %j', (sample, expected) => {
    expect(detectNewline(sample)).toBe(expected)
  })
})
