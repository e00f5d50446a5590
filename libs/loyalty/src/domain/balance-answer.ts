import { Points } from '@loyalty/kernel';
import type { Balance } from '@loyalty/loyalty-engine';

export interface BalanceAnswer {
  active_balance: string;
  total_balance: string;
}

export function balanceAnswer(balance: Balance): BalanceAnswer {
  return { active_balance: Points.format(balance.active), total_balance: Points.format(balance.total) };
}
