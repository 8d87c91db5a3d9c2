import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, PostingResponse, StatementItem, TimebankAccountView, TransferRecipient } from '@linli/shared-types';
import { hoursText } from '@linli/shared-types';
import { DataSource, In } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { containsPattern } from '../common/search.js';
import { RawReads } from '../database/raw-reads.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import { notifyCreditsReceived } from './credits-received.js';
import type { TransferDto } from './dto/timebank.dto.js';
import { IdempotencyService } from './idempotency.service.js';
import { LedgerService, userKey } from './ledger.service.js';
import { statementOfAccount } from './timebank-views.js';
import { ACCOUNT_BY_OWNER_SQL, type AccountRow } from './timebank.queries.js';
import { toAccountView, toCounterparty, toStatementItem } from './timebank.mapper.js';
import { checkTransfer } from './timebank.rules.js';

/** Residents who are not verified yet see no time bank ("pending residents can read notices, nothing else"). */
export function assertVerifiedResident(user: User): void {
  if (user.role !== 'resident') throw refuse('FORBIDDEN');
  if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

/** A resident's time bank: their balance and statement, finding a neighbour, giving them minutes. */
@Injectable()
export class TimebankService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly notifications: NotificationsService,
    private readonly raw: RawReads,
  ) {}

  async account(user: User): Promise<TimebankAccountView> {
    assertVerifiedResident(user);
    // A hot read: raw SQL on the unique owner key, no query builder or entity (bench/results/1-read-ratio.md).
    const [existing] = await this.raw.rows<AccountRow>(ACCOUNT_BY_OWNER_SQL, [userKey(user.id)]);
    // Residents verified before the time bank existed get their account on first look.
    const account = existing ?? (await runTransaction(this.dataSource, (m) => this.ledger.openAccount(m, user)));
    return toAccountView(account);
  }

  async statement(user: User, query: { cursor?: string; limit?: number }): Promise<Page<StatementItem>> {
    assertVerifiedResident(user);
    return statementOfAccount(this.dataSource.manager, userKey(user.id), query);
  }

  /** A resident gives minutes to a neighbour; once per Idempotency-Key. */
  transfer(sender: User, idempotencyKey: string | undefined, body: TransferDto): Promise<PostingResponse> {
    assertVerifiedResident(sender);
    const request = { toUserId: body.toUserId, minutes: body.minutes, memo: body.memo };
    return this.idempotency.once(
      { userId: sender.id, key: idempotencyKey, operation: 'timebank.transfer', body: request },
      async (manager) => {
        // One statement for the recipient and both accounts, locked: the balance after is known without a re-read.
        const parties = await this.ledger.residentsWithAccounts(manager, [sender.id, body.toUserId]);
        const recipient = parties.get(body.toUserId)?.user ?? null;
        const refusal = checkTransfer(sender, recipient);
        if (refusal) throw refuse(refusal.code);
        const from = parties.get(sender.id)?.account ?? (await this.ledger.openAccount(manager, sender));
        const to = parties.get(body.toUserId)?.account ?? (await this.ledger.openAccount(manager, recipient!));
        const transaction = await this.ledger.post(manager, {
          kind: 'transfer',
          communityId: from.communityId,
          fromAccountId: from.id,
          toAccountId: to.id,
          amount: body.minutes,
          memo: body.memo.trim(),
          idempotencyKey: idempotencyKey ?? null,
          actorId: sender.id,
          locked: { from, to },
        });
        await notifyCreditsReceived(
          this.notifications,
          manager,
          recipient!.id,
          from.communityId,
          body.minutes,
          `${sender.name ?? '邻居'}转给您 ${hoursText(body.minutes)} 小时：${body.memo.trim()}`,
        );
        const balance = from.balance - body.minutes;
        return {
          transaction: toStatementItem(transaction, from.id, toCounterparty(to, recipient), null),
          balance,
          balanceHours: hoursText(balance),
        };
      },
    );
  }

  /** Verified neighbours whose name contains q: never the caller, never another community, at most 20, no phones or rooms. */
  async recipients(user: User, q: string): Promise<Page<TransferRecipient>> {
    assertVerifiedResident(user);
    const rows = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.communityId = :community AND u.role = :role AND u.status = :status AND u.id <> :me', {
        community: user.communityId,
        role: 'resident',
        status: 'verified',
        me: user.id,
      })
      .andWhere("u.name LIKE :like ESCAPE '!'", { like: containsPattern(q.trim()) })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(20)
      .getMany();
    return { items: await this.asRecipients(rows), nextCursor: null };
  }

  /**
   * One neighbour by account number (their user id), for the confirmation of a typed number: the same rules as
   * the transfer itself (checkTransfer), so a number that would be refused is refused before the dialog.
   */
  async recipient(user: User, userId: number): Promise<TransferRecipient> {
    assertVerifiedResident(user);
    const found = await this.dataSource.getRepository(User).findOneBy({ id: userId });
    const refusal = checkTransfer(user, found);
    if (refusal) throw refuse(refusal.code);
    const [recipient] = await this.asRecipients([found!]);
    return recipient;
  }

  /** Name and building, never the phone or the room: enough to tell two 王芳 apart. */
  private async asRecipients(rows: User[]): Promise<TransferRecipient[]> {
    const buildingIds = [...new Set(rows.map((u) => u.buildingId).filter((id): id is number => id !== null))];
    const buildings = new Map(
      (buildingIds.length ? await this.dataSource.getRepository(Building).findBy({ id: In(buildingIds) }) : []).map(
        (b) => [b.id, b.name],
      ),
    );
    return rows.map((u) => ({
      userId: u.id,
      name: u.name ?? '',
      buildingName: u.buildingId ? (buildings.get(u.buildingId) ?? null) : null,
      unit: u.unit,
    }));
  }
}
