import type { UploadMimeType } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/**
 * A photo re-encoded without its metadata, stored as files `<id>` and `<id>-thumb` under UPLOAD_DIR.
 * The id is random (not guessable). Until a request or progress note takes it (`requestId` set by a conditional
 * update), only its uploader sees it; afterwards whoever may see that request.
 */
@Entity('uploads')
@Index('idx_uploads_request', ['requestId'])
@Index('idx_uploads_user', ['userId', 'createdAt'])
export class Upload {
  @PrimaryColumn({ type: 'varchar', length: 32 }) id: string;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 16 }) mime: UploadMimeType;
  @Column({ type: 'int' }) bytes: number;
  @Column({ type: 'int' }) width: number;
  @Column({ type: 'int' }) height: number;
  @Column({ type: 'int', nullable: true }) requestId: number | null;
  /** The progress note (event) it illustrates; null for the request's own photos. */
  @Column({ type: 'int', nullable: true }) requestEventId: number | null;
  @CreatedAtColumn() createdAt: Date;
}
