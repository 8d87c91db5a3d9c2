import type { LoginResponse } from '@linli/shared-types';

/*
 * One interface per platform capability. Each capability `x` has `x.weapp.ts` and `x.h5.ts`; Taro's
 * MultiPlatformPlugin picks the file of the build target for a relative import of `./x`, and `x.ts`
 * (the fallback for other targets) gives TypeScript the shared signature.
 */

export interface PlatformLogin {
  /** The identity provider of this platform, or null when there is none (h5 in a browser). */
  readonly provider: 'wechat' | null;
  /** Logs in with the platform identity; resolves null when the platform has none. Throws ApiRequestError. */
  login(options?: { community?: string }): Promise<LoginResponse | null>;
}

export interface PlatformScanner {
  /** Scans a QR or bar code; resolves the text, or null when the user cancelled. */
  scan(options?: { hint?: string }): Promise<string | null>;
}

export interface GeoPosition {
  lat: number;
  lng: number;
  /** Metres, when the platform reports it. */
  accuracy?: number;
}

export interface PlatformLocation {
  /** WGS84 position, or null when denied or unavailable (callers send the request without it). */
  current(): Promise<GeoPosition | null>;
}

/** A privacy-scoped WeChat API is waiting for the user's consent. */
export interface PrivacyRequest {
  agree(): void;
  disagree(): void;
}

export interface PlatformPrivacy {
  /** id of the button that must carry open-type="agreePrivacyAuthorization" on weapp. */
  readonly agreeButtonId: string;
  /** Calls `listener` whenever the platform asks for privacy consent; returns an unsubscribe. */
  watch(listener: (request: PrivacyRequest) => void): () => void;
}
