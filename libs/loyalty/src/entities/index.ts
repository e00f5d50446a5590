import { ExpiryNoticeRun } from './expiry-notice-run.entity';
import { ExpiryNotice } from './expiry-notice.entity';
import { LoyaltyProgram } from './loyalty-program.entity';
import { Member } from './member.entity';
import { OrderSegment } from './order-segment.entity';
import { Partner } from './partner.entity';
import { PointsAccount } from './points-account.entity';
import { PointsCurrency } from './points-currency.entity';
import { PointsLot } from './points-lot.entity';
import { PointsTransaction } from './points-transaction.entity';
import { PromoCodeProgram } from './promo-code-program.entity';
import { PromoCode } from './promo-code.entity';
import { PromotionMemberUse } from './promotion-member-use.entity';
import { Promotion } from './promotion.entity';
import { RedemptionAllocation } from './redemption-allocation.entity';
import { TierGroup } from './tier-group.entity';
import { TierHistoryEntry } from './tier-history-entry.entity';
import { Tier } from './tier.entity';
import { TransactionStatusChange } from './transaction-status-change.entity';

export const LOYALTY_ENTITIES = [
  LoyaltyProgram,
  PointsCurrency,
  TierGroup,
  Tier,
  Promotion,
  PromotionMemberUse,
  Member,
  PointsAccount,
  PointsTransaction,
  PointsLot,
  RedemptionAllocation,
  TransactionStatusChange,
  TierHistoryEntry,
  Partner,
  OrderSegment,
  PromoCodeProgram,
  PromoCode,
  ExpiryNotice,
  ExpiryNoticeRun,
];
