import { runTransaction } from '../database/transaction.js';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import { seedDemoActivities } from './demo-activities.js';
import { seedDemoBookings } from './demo-bookings.js';
import { seedDemoCentre } from './demo-centre.js';
import { seedDemoHelp } from './demo-help.js';
import { seedDemoNotices } from './demo-notices.js';
import { seedDemoRequests } from './demo-requests.js';
import { demoStreet } from './demo-street.js';
import { seedDemoTimebank } from './demo-timebank.js';

/** Seeds the demo street into an empty database when LINLI_DEMO=1. */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    if (await this.dataSource.getRepository(Community).count()) return;
    try {
      await runTransaction(this.dataSource, (manager) => this.seed(manager));
      this.logger.log('Seeded the demo street');
    } catch (error) {
      // Another process seeding the same empty database at the same moment wins the unique keys.
      if (await this.dataSource.getRepository(Community).count()) return;
      throw error;
    }
  }

  private async seed(manager: EntityManager): Promise<void> {
    const passwordHash = await hashPassword(this.config.demoPassword);
    const now = this.clock.now();
    const communities = new Map<string, Community>();
    const buildings = new Map<string, Building[]>();
    for (const c of demoStreet.communities) {
      const community = await manager.save(manager.create(Community, { code: c.code, name: c.name }));
      communities.set(c.code, community);
      buildings.set(
        c.code,
        await manager.save(c.buildings.map((name) => manager.create(Building, { communityId: community.id, name }))),
      );
    }
    const authors = new Map<string, number>();
    for (const s of demoStreet.staff) {
      const staff = await manager.save(
        manager.create(User, {
          username: s.username,
          name: s.name,
          role: s.role,
          status: 'verified',
          volunteer: false,
          passwordHash,
          communityId: s.community ? communities.get(s.community)!.id : null,
          verifiedAt: now,
        }),
      );
      if (s.community) authors.set(s.community, staff.id);
    }
    for (const [code, residents] of Object.entries(demoStreet.residents)) {
      for (const [phone, name, buildingIndex, unit, room, volunteer, verified] of residents) {
        await manager.save(
          manager.create(User, {
            role: 'resident',
            phone,
            name,
            unit,
            room,
            volunteer,
            status: verified ? 'verified' : 'pending',
            communityId: communities.get(code)!.id,
            buildingId: buildings.get(code)![buildingIndex].id,
            verifiedAt: verified ? now : null,
          }),
        );
      }
    }
    await seedDemoNotices(manager, communities, buildings, authors, now);
    await seedDemoTimebank(manager);
    await seedDemoBookings(manager, now);
    await seedDemoActivities(manager, now);
    await seedDemoCentre(manager, now);
    await seedDemoRequests(manager, now);
    await seedDemoHelp(manager, now);
  }
}
