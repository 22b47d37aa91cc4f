// Consent is recorded before anything else about a person: who gave it, when, to which team
// member, and which version of the text was read. Withdrawal deletes the person's data.
import * as z from 'zod/mini';
import { CHOOSE_FROM_LIST } from './messages';

export const CONSENT_TEXT_VERSION = 'v1-2026-11';

/** Read aloud to the person; a new wording gets a new version, old versions are never edited. */
export const CONSENT_TEXT =
  'Tổ công nghệ số cộng đồng của xã ghi lại họ tên, năm sinh và tình trạng sử dụng dịch vụ số ' +
  '(VNeID, điện thoại, tài khoản thanh toán, chữ ký số, kỹ năng số…) của ông/bà để hướng dẫn, hỗ trợ ' +
  'và báo cáo kết quả chuyển đổi số của địa phương. Không thu thập số căn cước, số tài khoản hay ' +
  'thông tin sức khỏe. Ông/bà có quyền xem, sửa và rút lại sự đồng ý bất cứ lúc nào; khi rút lại, ' +
  'dữ liệu của ông/bà sẽ bị xoá.';

export const ConsentGiver = z.enum(['self', 'guardian', 'household_head'], CHOOSE_FROM_LIST);
export type ConsentGiver = z.infer<typeof ConsentGiver>;

export const Consent = z.object({
  givenBy: ConsentGiver,
  givenAt: z.string().check(z.minLength(1)),
  recordedBy: z.string().check(z.trim(), z.minLength(1, 'Nhập tên thành viên tổ ghi nhận')),
  textVersion: z.string().check(z.minLength(1)),
});
export type Consent = z.infer<typeof Consent>;
