import { Foundation1764300000000 } from './1764300000000-foundation.js';
import { Notices1764400000000 } from './1764400000000-notices.js';
import { Bookings1764500000000 } from './1764500000000-bookings.js';
import { Timebank1764600000000 } from './1764600000000-timebank.js';
import { Activities1764700000000 } from './1764700000000-activities.js';
import { ScaleIndexes1764800000000 } from './1764800000000-scale-indexes.js';
import { Cluster1764900000000 } from './1764900000000-cluster.js';
import { Requests1765000000000 } from './1765000000000-requests.js';
import { MutualHelp1765100000000 } from './1765100000000-mutual-help.js';
import { RoomPrices1765110000000 } from './1765110000000-room-prices.js';
import { Centre1765200000000 } from './1765200000000-centre.js';
import { Family1765300000000 } from './1765300000000-family.js';
import { NoticeUnread1765400000000 } from './1765400000000-notice-unread.js';
import { FamilyCreditAsks1765700000000 } from './1765700000000-family-credit-asks.js';
import { RequestsQueue1766000000000 } from './1766000000000-requests-queue.js';

/** In order. Each migration serves SQLite and MySQL alike. */
export const migrations = [
  Foundation1764300000000,
  Notices1764400000000,
  Bookings1764500000000,
  Timebank1764600000000,
  Activities1764700000000,
  ScaleIndexes1764800000000,
  Cluster1764900000000,
  Requests1765000000000,
  MutualHelp1765100000000,
  RoomPrices1765110000000,
  Centre1765200000000,
  Family1765300000000,
  NoticeUnread1765400000000,
  FamilyCreditAsks1765700000000,
  RequestsQueue1766000000000,
];
