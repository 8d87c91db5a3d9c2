import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ScanResponse } from '@linli/shared-types';
import { isActivityCode, isPersonalCode, typedActivityCode } from '../activities/activity-codes.js';
import { AttendanceService } from '../activities/attendance.service.js';
import { BookingAttendanceService } from '../bookings/booking-attendance.service.js';
import { HelpMatchingService } from '../help-requests/help-matching.service.js';
import { EventAttendanceService } from '../events/event-attendance.service.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { AppException, refuse } from '../common/app-exception.js';
import { CurrentUser, Roles } from '../common/auth.decorators.js';
import { RateLimit } from '../common/rate-limit.guard.js';
import { parseDoorCode } from '../rooms/door-code.js';
import { User } from '../users/user.entity.js';
import { ScanDto } from './scan.dto.js';
import { ApiAnswer } from '../common/api-answer.decorator.js';

/** One endpoint for every code the mini-app scanner reads: the server tells what it is and acts for the caller. */
@ApiTags('scan')
@ApiBearerAuth()
@Controller('scan')
export class ScanController {
  constructor(
    private readonly bookings: BookingAttendanceService,
    private readonly attendance: AttendanceService,
    private readonly help: HelpMatchingService,
    private readonly events: EventAttendanceService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiAnswer({
    summary: '扫码（活动签到签退码或活动室门口码）',
    ok: 'ScanResponse',
    refusals: [
      'RESIDENT_NOT_VERIFIED',
      'ACTIVITY_NOT_FOUND',
      'SCAN_CODE_UNKNOWN',
      'ACTIVITY_CODE_FORGED',
      'ACTIVITY_CODE_STALE',
      'ACTIVITY_CODE_WRONG_ACTIVITY',
      'ACTIVITY_CODE_WRONG_PURPOSE',
      'ACTIVITY_NOT_PUBLISHED',
      'ACTIVITY_NOT_SIGNED_UP',
      'ACTIVITY_OUTSIDE_CHECKIN_WINDOW',
      'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW',
      'ACTIVITY_LOCATION_REQUIRED',
      'ACTIVITY_OUTSIDE_GEOFENCE',
      'ACTIVITY_NOT_CHECKED_IN',
      'BOOKING_NO_CHECKIN',
    ],
  })
  @Post()
  @Roles('resident')
  @HttpCode(200)
  @RateLimit('scan')
  async scan(@CurrentUser() user: User, @Body() body: ScanDto): Promise<ScanResponse> {
    if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    const code = body.code.trim();
    if (isActivityCode(code))
      return this.attendance.scan(user, code, {
        lat: body.lat,
        lng: body.lng,
        activityId: body.activityId,
        purpose: body.purpose,
      });
    // The live code typed from the screen (8 digits): the caller's own activity open now.
    const typed = typedActivityCode(code);
    if (typed)
      return this.attendance.scanTyped(user, typed, {
        lat: body.lat,
        lng: body.lng,
        activityId: body.activityId,
        purpose: body.purpose,
      });
    // A neighbour's personal code (QR or its 6 digits): the chosen helper has arrived.
    if (isPersonalCode(code)) return { kind: 'help_arrival', helpRequest: await this.help.arriveByCode(user, code) };
    const roomId = parseDoorCode(this.config.secret, code);
    if (roomId !== null) {
      // The caller's own booking of the room first; else their place at an event held there now.
      try {
        return { kind: 'door_checkin', booking: await this.bookings.checkInAtDoor(user, roomId) };
      } catch (error) {
        if (!(error instanceof AppException) || error.code !== 'BOOKING_NO_CHECKIN') throw error;
        const attended = await this.events.checkInAtDoor(user, roomId);
        if (attended) return attended;
        throw error;
      }
    }
    throw refuse('SCAN_CODE_UNKNOWN');
  }
}
