import { describe, expect, it } from 'vitest';
import { foldVietnamese, householdSearchWords, matchesQuery, searchWords } from './search-text';

describe('foldVietnamese', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['ĐẶNG THỊ HỒNG NHUNG', 'dang thi hong nhung'],
    ['Bản Suối Cạn', 'ban suoi can'],
    ['Phường Ỷ La', 'phuong y la'],
    ['Nguyễn Văn Đức'.normalize('NFD'), 'nguyen van duc'],
    ['123/4 Đường 3-2', '123/4 duong 3-2'],
  ])('%s → %s', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });
});

describe('searchWords', () => {
  it.each([
    ['Nguyễn Văn A', ['nguyen', 'van', 'a']],
    ['  Trần-Thị   Bích, 12/3 ', ['tran', 'thi', 'bich', '12', '3']],
    ['', []],
    [' ,.- ', []],
  ])('%j → %j', (text, words) => {
    expect(searchWords(text)).toEqual(words);
  });
});

describe('householdSearchWords', () => {
  const fields = { headName: 'Nguyễn Văn A', houseNumber: '12A', street: 'Xóm Đồng', phone: '0912 345 678', memberNames: ['Nguyễn Văn A', 'Trần Thị Bích'] };

  it('indexes head and member names, house number, street and the phone as one run of digits, each word once', () => {
    expect(householdSearchWords(fields).sort()).toEqual(['0912345678', '12a', 'a', 'bich', 'dong', 'nguyen', 'thi', 'tran', 'van', 'xom']);
  });

  it('adds no phone word when there is no phone', () => {
    expect(householdSearchWords({ ...fields, phone: '', memberNames: [] }).sort()).toEqual(['12a', 'a', 'dong', 'nguyen', 'van', 'xom']);
  });
});

describe('matchesQuery', () => {
  const index = ['nguyen', 'van', 'a', '12', '0912345678'];
  it.each([
    [['nguyen', 'van', 'a'], true],
    [['ng', 'v'], true],
    [['0912'], true],
    [['van', 'nguyen'], true],
    [['nguyen', 'binh'], false],
    [['guyen'], false],
    [['345'], false],
  ])('%j → %s', (query, matches) => {
    expect(matchesQuery(index, query)).toBe(matches);
  });
});
