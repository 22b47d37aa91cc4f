// What a lead reads when the server did not add or rename a hamlet, or list or revoke a device:
// the server's own error texts are English and for developers, so each answer is told here.
import type { ApiFailure } from '../sync/account-api';

export type AdminSubject = 'hamlet' | 'device';

export const NEEDS_CONNECTION = 'Cần kết nối mạng: không liên lạc được với máy chủ. Hãy thử lại khi điện thoại có mạng.';

export function adminFailureText(failure: ApiFailure, subject: AdminSubject): string {
  switch (failure.kind) {
    case 'offline':
      return NEEDS_CONNECTION;
    case 'timeout':
      return 'Máy chủ trả lời quá lâu. Hãy kiểm tra mạng rồi thử lại.';
    case 'unauthorized':
      return 'Máy chủ không nhận ra tài khoản trên điện thoại này. Hãy đăng xuất rồi đăng nhập lại.';
    case 'revoked':
      return 'Điện thoại này đã bị thu hồi quyền truy cập.';
    case 'rate-limited':
      return `Máy chủ đang nhận quá nhiều yêu cầu. Hãy thử lại sau ${Math.max(1, Math.ceil(failure.retryAfterMs / 60_000))} phút.`;
    case 'server':
      return `Máy chủ đang gặp lỗi (mã ${failure.status}). Hãy thử lại sau.`;
    case 'bad-response':
      return 'Máy chủ trả lời không đúng định dạng. Hãy cập nhật ứng dụng rồi thử lại.';
    case 'refused':
      return refusedText(failure.status, subject);
  }
}

function refusedText(status: number, subject: AdminSubject): string {
  if (status === 403) return 'Chỉ tổ trưởng của xã mới được làm việc này.';
  if (status === 404) return subject === 'hamlet' ? 'Máy chủ không có thôn này (có thể đã bị xoá). Hãy đồng bộ rồi thử lại.' : 'Máy chủ không có điện thoại này trong xã.';
  if (status === 409) return 'Mã thôn này đã có trên máy chủ. Hãy để trống mã để máy chủ tự đặt.';
  if (status === 400) return 'Máy chủ không nhận tên thôn này. Hãy kiểm tra lại tên.';
  return `Máy chủ từ chối yêu cầu (mã ${status}).`;
}
