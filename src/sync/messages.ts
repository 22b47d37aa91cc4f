// What the phone says about sync, in plain Vietnamese, in one place so it can be read and
// corrected together. These become the sync state's lastError and a refused change's reason.

export const SYNC_MESSAGES = {
  offline: 'Không kết nối được máy chủ. Dữ liệu vẫn nằm an toàn trên máy và sẽ được gửi khi có mạng.',
  timeout: 'Máy chủ không trả lời kịp, có thể do mạng yếu. Dữ liệu vẫn nằm trên máy, sẽ thử lại sau.',
  auth: 'Máy chủ không nhận phiên đăng nhập của điện thoại này. Hãy đăng nhập lại bằng mật khẩu (dữ liệu trên máy vẫn được giữ).',
  revoked: 'Điện thoại này đã bị thu hồi quyền truy cập. Dữ liệu cá nhân trên máy được xoá.',
  server: (status: number) => `Máy chủ đang gặp sự cố (mã ${status}). Dữ liệu vẫn nằm trên máy, sẽ thử lại sau.`,
  badResponse: 'Máy chủ trả lời không đúng định dạng. Dữ liệu vẫn nằm trên máy, sẽ thử lại sau.',
  refused: (detail: string) => `Máy chủ không nhận yêu cầu đồng bộ: ${detail}`,
  tooLarge: 'Thay đổi này quá lớn để gửi lên máy chủ.',
  noUser: 'Tài khoản trên máy này chưa có họ tên. Hãy đăng nhập lại.',
  invalid: (detail: string) => `Dữ liệu không hợp lệ, chưa gửi được: ${detail}`,
  unexpected: (detail: string) => `Đồng bộ gặp lỗi trên máy này (${detail}). Dữ liệu vẫn còn trên máy.`,
} as const;
