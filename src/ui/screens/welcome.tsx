// First start on a fresh phone: who is using it, and a demo commune to try the app at once.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { TextField } from '../components/fields';
import { putAreas } from '../../db/areas';
import { requestPersistentStorage } from '../../db/storage-status';
import { DEMO_AREAS, DEMO_COMMUNE_CODE } from '../../domain/demo-commune';

const T = {
  title: 'Chào mừng đến với Ngõ Số',
  intro:
    'Ứng dụng giúp Tổ công nghệ số cộng đồng đi từng ngõ, gõ từng nhà: ghi nhận VNeID, điện thoại thông minh, tài khoản thanh toán, kỹ năng số… của từng người. Mọi thứ được lưu ngay trên điện thoại, kể cả khi không có sóng.',
  teamMember: 'Họ tên của bạn (thành viên tổ)',
  teamMemberHint: 'Tên này được ghi vào mỗi lượt hỗ trợ và mỗi lần ghi nhận đồng ý.',
  teamMemberMissing: 'Nhập họ tên của bạn trước',
  demo: 'Dùng thử với xã mẫu (DEMO)',
  demoHint: 'Xã mẫu có 3 thôn, chưa có hộ nào. Dữ liệu mẫu được đánh dấu rõ "DEMO"; địa bàn thật và tài khoản sẽ có ở phiên bản sau.',
};

export function WelcomeScreen() {
  const { db, prefs, updatePrefs } = useApp();
  const [teamMember, setTeamMember] = useState(prefs.teamMember);
  const [error, setError] = useState<string>();

  const startDemo = async () => {
    if (teamMember.trim() === '') {
      setError(T.teamMemberMissing);
      return;
    }
    void requestPersistentStorage();
    await putAreas(db, DEMO_AREAS);
    await updatePrefs({ ...prefs, teamMember: teamMember.trim(), communeCode: DEMO_COMMUNE_CODE });
  };

  return (
    <main class="screen welcome">
      <h1>{T.title}</h1>
      <p>{T.intro}</p>
      <TextField label={T.teamMember} value={teamMember} onInput={setTeamMember} error={error} autoComplete="name" hint={T.teamMemberHint} />
      <button type="button" class="primary big" onClick={() => void startDemo()}>
        {T.demo}
      </button>
      <p class="hint">{T.demoHint}</p>
    </main>
  );
}
