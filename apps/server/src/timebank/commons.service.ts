import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hoursText, type CommonsView, type PostingResponse } from '@linli/shared-types';
import { DataSource, In } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { communityScope } from '../common/tenancy-scope.js';
import { runTransaction } from '../database/transaction.js';
import { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { commonsKey, LedgerService } from './ledger.service.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { communityAccountName, toCounterparty, toStatementItem } from './timebank.mapper.js';

/** A donor's name as the commons shows it to every neighbour: the family name only (王**). */
const publicName = (name: string | null | undefined) => (name ? `${[...name][0]}**` : '邻居');

/** The community commons 公益池: donations in, credit beyond the cap in, open to every resident's eyes. */
@Injectable()
export class CommonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  /** POST timebank/donations: minutes from the resident's available balance to the commons, one transaction. */
  donate(user: User, minutes: number): Promise<PostingResponse> {
    if (user.role !== 'resident') throw refuse('FORBIDDEN');
    if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    return runTransaction(this.dataSource, async (manager) => {
      const account = await this.ledger.openAccount(manager, user);
      const commons = await this.ledger.commonsOf(manager, account.communityId);
      const transaction = await this.ledger.post(manager, {
        kind: 'donation',
        communityId: account.communityId,
        fromAccountId: account.id,
        toAccountId: commons.id,
        amount: minutes,
        memo: '捐赠社区公益池',
        actorId: user.id,
      });
      const after = await manager.findOneByOrFail(TimebankAccount, { id: account.id });
      return {
        transaction: toStatementItem(transaction, account.id, toCounterparty(commons), null),
        balance: after.balance,
        balanceHours: hoursText(after.balance),
      };
    });
  }

  /** GET timebank/commons: balance and the 20 latest flows; residents see their own community's, staff theirs. */
  async commons(user: User, communityId?: number): Promise<CommonsView> {
    if (user.role === 'resident' && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    const scope = user.role === 'resident' ? user.communityId : communityScope(user, communityId);
    if (scope === null) throw refuse('VALIDATION_FAILED', '请选择社区', ['communityId']);
    const manager = this.dataSource.manager;
    const commons = await manager.findOneBy(TimebankAccount, { ownerKey: commonsKey(scope) });
    if (!commons) return { communityId: scope, balance: 0, balanceHours: hoursText(0), flows: [] };
    const entries = await manager.find(LedgerEntry, {
      where: { accountId: commons.id },
      order: { transactionId: 'DESC' },
      take: 20,
    });
    const ids = entries.map((e) => e.transactionId);
    const transactions = ids.length ? await manager.findBy(LedgerTransaction, { id: In(ids) }) : [];
    const otherIds = transactions.map((t) => (t.fromAccountId === commons.id ? t.toAccountId : t.fromAccountId));
    const others = otherIds.length ? await manager.findBy(TimebankAccount, { id: In(otherIds) }) : [];
    const ownerIds = others.map((a) => a.userId).filter((id): id is number => id !== null);
    const owners = await usersById(manager, ownerIds);
    const accounts = new Map(others.map((a) => [a.id, a]));
    const byId = new Map(transactions.map((t) => [t.id, t]));
    return {
      communityId: scope,
      balance: commons.balance,
      balanceHours: hoursText(commons.balance),
      flows: entries.map((e) => {
        const t = byId.get(e.transactionId)!;
        const other = accounts.get(t.fromAccountId === commons.id ? t.toAccountId : t.fromAccountId);
        return {
          id: t.id,
          kind: t.kind,
          amount: e.amount,
          amountHours: hoursText(e.amount),
          counterparty:
            other?.kind === 'resident'
              ? publicName(owners.get(other.userId!)?.name)
              : communityAccountName(other?.kind ?? 'pool'),
          memo: t.kind === 'cap_overflow' ? '账户超出上限的部分' : t.memo,
          createdAt: t.createdAt.toISOString(),
        };
      }),
    };
  }
}
