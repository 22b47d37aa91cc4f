// The top of each lead screen: where the figures come from (plan or default targets) and a way
// to the other lead screens. Hidden when printing.
import type { ComponentChildren } from 'preact';
import { hrefOf } from '../router';
import { leadHref } from '../lead-links';
import { planTitle, type Plan } from '../../domain/targets';

const T = {
  home: '← Trang chính',
  dashboard: 'Bảng chỉ tiêu',
  followUp: 'Ai cần thăm tiếp',
  report: 'Báo cáo quý',
  targets: 'Chỉ tiêu của xã',
  basis: (title: string) => `Chỉ tiêu theo ${title}.`,
  noPlan: 'Chưa nhập kế hoạch của xã: đang so với chỉ tiêu mặc định.',
  enterPlan: 'Nhập kế hoạch',
  editPlan: 'Sửa chỉ tiêu',
};

export type LeadScreenName = 'dashboard' | 'followUp' | 'report' | 'targets';

export function LeadNav({ current, periodKey }: { current: LeadScreenName; periodKey?: string | undefined }) {
  const links: [LeadScreenName, string, string][] = [
    ['dashboard', T.dashboard, leadHref.dashboard(periodKey)],
    ['followUp', T.followUp, leadHref.followUp()],
    ['report', T.report, leadHref.report(periodKey)],
    ['targets', T.targets, leadHref.targets()],
  ];
  return (
    <nav class="lead-nav no-print">
      <a class="back" href={hrefOf({ screen: 'home' })}>
        {T.home}
      </a>
      <ul>
        {links.map(([name, label, href]) => (
          <li key={name}>
            <a href={href} aria-current={name === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PlanBasis({ plan, children }: { plan: Plan | null | undefined; children?: ComponentChildren }) {
  if (plan === undefined) return null;
  return (
    <p class="plan-basis">
      {plan === null ? T.noPlan : T.basis(planTitle(plan))}{' '}
      <a class="no-print" href={leadHref.targets()}>
        {plan === null ? T.enterPlan : T.editPlan}
      </a>
      {children}
    </p>
  );
}
