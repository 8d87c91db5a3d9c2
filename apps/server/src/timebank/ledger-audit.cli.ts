/**
 * Operators' ledger audit: `DATABASE_URL=... pnpm --filter @linli/server ledger:audit [--community <id>] [--json]`.
 * Prints what GET timebank/audit answers and exits 1 when a balance does not add up (2 when it cannot run).
 */
import 'reflect-metadata';
import { hoursText } from '@linli/shared-types';
import { loadConfig } from '../common/app-config.js';
import { createDataSource, resolveDataSourceOptions } from '../database/data-source-options.js';
import { auditLedger } from './ledger-audit.js';
import { runTransaction } from '../database/transaction.js';

async function main(argv: string[]): Promise<number> {
  const communityArg = argv.indexOf('--community');
  const communityId = communityArg >= 0 ? Number(argv[communityArg + 1]) : null;
  if (communityId !== null && !(Number.isInteger(communityId) && communityId > 0)) {
    console.error('--community needs a community id');
    return 2;
  }
  // Only the database part of the configuration matters here; no secret is needed to read the ledger.
  const { database } = loadConfig({ LINLI_DEMO: '1', DATABASE_URL: process.env.DATABASE_URL });
  const dataSource = await createDataSource({
    ...(await resolveDataSourceOptions(database)),
    migrationsRun: false,
  }).initialize();
  try {
    const result = await runTransaction(dataSource, (manager) => auditLedger(manager, communityId, new Date()));
    if (argv.includes('--json')) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(`时间银行对账 ${result.checkedAt}：${result.accounts} 个账户，${result.transactions} 笔交易`);
      for (const c of result.communities)
        console.log(`  社区 ${c.communityId}：余额合计 ${c.balanceSum} 分钟（${hoursText(c.balanceSum)} 小时）`);
      for (const d of result.discrepancies) console.log(`  ✗ [${d.type}] ${d.message}`);
      console.log(result.ok ? '结果：一致 (OK)' : `结果：发现 ${result.discrepancies.length} 处不一致 (DISCREPANCY)`);
    }
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error('ledger audit failed:', error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
