import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity('buildings')
@Index('uq_buildings_community_name', ['communityId', 'name'], { unique: true })
export class Building {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 32 }) name: string;
}
