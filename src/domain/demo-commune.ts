// The demo commune offered on a fresh phone, so a newcomer can try the app at once. Every
// area is marked `demo` and named "(DEMO)"; the people in it are invented.
import type { Area } from './areas';

export const DEMO_PROVINCE_CODE = 'DEMO';
export const DEMO_COMMUNE_CODE = 'DEMO-XA';

export const DEMO_AREAS: readonly Area[] = [
  { code: DEMO_PROVINCE_CODE, name: 'Tỉnh Mẫu (DEMO)', level: 'province', demo: true },
  { code: DEMO_COMMUNE_CODE, name: 'Xã Thử Nghiệm (DEMO)', level: 'commune', parentCode: DEMO_PROVINCE_CODE, demo: true },
  { code: 'DEMO-T1', name: 'Thôn Đông', level: 'hamlet', parentCode: DEMO_COMMUNE_CODE, demo: true },
  { code: 'DEMO-T2', name: 'Thôn Đoài', level: 'hamlet', parentCode: DEMO_COMMUNE_CODE, demo: true },
  { code: 'DEMO-T3', name: 'Bản Suối Cạn', level: 'hamlet', parentCode: DEMO_COMMUNE_CODE, demo: true },
];
