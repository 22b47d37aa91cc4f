// The Vietnamese words for every status and field: one place, so screens, visit logs and
// reports say the same thing.
import type { ConsentGiver } from './consent';
import type { Poverty, HouseholdStatusField } from './household';
import type { PaymentAccount, PersonStatusField, PhoneKind, Residence, SkillGroup, VneidStatus } from './person';

export const RESIDENCE_LABELS: Record<Residence, string> = {
  here: 'Đang sinh sống',
  away: 'Đi làm ăn xa',
  moved: 'Đã chuyển đi',
  deceased: 'Đã mất',
};

export const PHONE_LABELS: Record<PhoneKind, string> = {
  none: 'Không có',
  basic_2g: 'Phổ thông 2G',
  basic_4g: 'Phổ thông 3G/4G',
  smartphone: 'Điện thoại thông minh',
};

export const VNEID_LABELS: Record<VneidStatus, string> = {
  none: 'Chưa có',
  l1_submitted: 'Mức 1: đã đăng ký',
  l2_collected: 'Mức 2: đã thu nhận hồ sơ',
  approved_waiting: 'Đã duyệt, chờ kích hoạt',
  l1_active: 'Mức 1: đã kích hoạt',
  l2_active: 'Mức 2: đã kích hoạt',
  rejected: 'Hồ sơ bị từ chối',
};

export const PAYMENT_LABELS: Record<PaymentAccount, string> = {
  none: 'Chưa có',
  bank: 'Tài khoản ngân hàng',
  ewallet: 'Ví điện tử',
  mobile_money: 'Mobile Money',
};

export const SKILL_LABELS: Record<SkillGroup, string> = {
  public_services: '(i) Dịch vụ công trực tuyến',
  commerce: '(ii) Mua bán trực tuyến',
  payment: '(iii) Thanh toán trực tuyến',
  safety: '(iv) Tự bảo vệ trên mạng',
  local_platforms: '(v) Nền tảng số của địa phương',
};

export const POVERTY_LABELS: Record<Poverty, string> = {
  none: 'Không',
  near_poor: 'Hộ cận nghèo',
  poor: 'Hộ nghèo',
};

export const CONSENT_GIVER_LABELS: Record<ConsentGiver, string> = {
  self: 'Chính người này',
  guardian: 'Cha mẹ / người giám hộ',
  household_head: 'Chủ hộ thay mặt',
};

export const PERSON_FIELD_LABELS: Record<PersonStatusField, string> = {
  name: 'Họ và tên',
  birthYear: 'Năm sinh',
  residence: 'Tình trạng cư trú',
  phone: 'Điện thoại',
  vneid: 'Định danh điện tử VNeID',
  vneidNeedsHelp: 'Cần hỗ trợ kích hoạt VNeID',
  payment: 'Tài khoản thanh toán',
  publicServiceAccount: 'Có tài khoản dịch vụ công trực tuyến',
  publicServiceUsed: 'Đã sử dụng dịch vụ công trực tuyến',
  digitalSignature: 'Có chữ ký số / chữ ký điện tử cá nhân',
  eHealthRecord: 'Có hồ sơ sức khỏe điện tử',
  skills: 'Kỹ năng số cơ bản đã được tập huấn',
  cyberProtection: 'Đã cài phần mềm bảo vệ an toàn thông tin',
  vssid: 'Đã cài ứng dụng VssID',
};

export const HOUSEHOLD_FIELD_LABELS: Record<HouseholdStatusField | 'headName' | 'houseNumber' | 'street' | 'phone' | 'hamletCode', string> = {
  hamletCode: 'Thôn / tổ dân phố',
  headName: 'Họ tên chủ hộ',
  houseNumber: 'Số nhà',
  street: 'Đường, xóm, địa danh',
  phone: 'Số điện thoại liên hệ',
  fiber: 'Có Internet cáp quang',
  smartDevice: 'Có ít nhất một thiết bị thông minh',
  digitalAddress: 'Đã gắn địa chỉ số',
  poverty: 'Hộ nghèo / cận nghèo',
  business: 'Hộ kinh doanh / sản xuất',
  businessQrPayment: 'Nhận thanh toán không dùng tiền mặt (QR)',
  businessEcommerce: 'Bán hàng trên sàn thương mại điện tử',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  residence: RESIDENCE_LABELS,
  phone: PHONE_LABELS,
  vneid: VNEID_LABELS,
  payment: PAYMENT_LABELS,
  poverty: POVERTY_LABELS,
};

/** A stored value in words, for the visit log: "Mức 2: đã kích hoạt", "có", "(i), (iii)". */
export function describeValue(field: string, value: unknown): string {
  if (typeof value === 'boolean') return value ? 'có' : 'chưa';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'chưa có';
    return value.map((v) => (field === 'skills' ? (SKILL_LABELS[v as SkillGroup] ?? String(v)) : String(v))).join(', ');
  }
  const labels = VALUE_LABELS[field];
  const s = String(value ?? '');
  return labels?.[s] ?? (s === '' ? '(trống)' : s);
}
