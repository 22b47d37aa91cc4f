import { describe, expect, it } from 'vitest';
import { Area } from './areas';
import { childrenOf } from './area-tree';
import { DEMO_AREAS, DEMO_COMMUNE_CODE } from './demo-commune';

const hamlet = (code: string, name: string, parentCode = 'X1'): Area => ({ code, name, level: 'hamlet', parentCode });

describe('Area schema', () => {
  it('parses a province without a parent and trims names', () => {
    expect(Area.parse({ code: '51', name: ' Quảng Ngãi ', level: 'province' })).toEqual({ code: '51', name: 'Quảng Ngãi', level: 'province' });
  });

  it.each([
    [{ code: '' }, 'code', 'Thiếu mã địa bàn'],
    [{ name: '  ' }, 'name', 'Thiếu tên địa bàn'],
  ])('rejects %j with its Vietnamese message', (change, path, message) => {
    const issue = Area.safeParse({ ...hamlet('T1', 'Thôn 1'), ...change }).error?.issues[0];
    expect([issue?.path.join('.'), issue?.message]).toEqual([path, message]);
  });

  it('has no district level', () => {
    expect(Area.safeParse({ ...hamlet('H1', 'Huyện Trà Bồng'), level: 'district' }).error?.issues[0]?.path).toEqual(['level']);
  });

  it('accepts every demo area, each marked demo, hamlets under the demo commune', () => {
    for (const area of DEMO_AREAS) expect(Area.parse(area)).toEqual(area);
    expect(DEMO_AREAS.every((a) => a.demo === true)).toBe(true);
    expect(childrenOf(DEMO_AREAS, DEMO_COMMUNE_CODE).map((a) => a.level)).toEqual(['hamlet', 'hamlet', 'hamlet']);
  });
});

describe('childrenOf', () => {
  it('keeps only the children of the parent', () => {
    expect(childrenOf([hamlet('a', 'Thôn A'), hamlet('b', 'Thôn B', 'X2')], 'X1').map((a) => a.code)).toEqual(['a']);
  });

  it.each([
    [['Thôn 10', 'Thôn 2', 'Thôn 1'], ['Thôn 1', 'Thôn 2', 'Thôn 10']],
    [['Thôn Đông', 'Thôn Dương'], ['Thôn Dương', 'Thôn Đông']],
    [['Thôn Đông', 'Thôn Đoài', 'Bản Suối Cạn'], ['Bản Suối Cạn', 'Thôn Đoài', 'Thôn Đông']],
  ])('sorts %j in Vietnamese order, numbers by value', (names, sorted) => {
    expect(childrenOf(names.map((n) => hamlet(n, n)), 'X1').map((a) => a.name)).toEqual(sorted);
  });
});
