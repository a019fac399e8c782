import type { NetworkSettings, UpdateNetworkSettingsRequest } from '@switchboard/shared';
import { LANGUAGES } from '@switchboard/shared';
import type { z } from 'zod';

type Settings = z.infer<typeof NetworkSettings>;

/** Settings a new network starts with: keep little (72 h raw reports, 7 days precise locations). */
export function defaultNetworkSettings(): Settings {
  return {
    languages: [...LANGUAGES],
    vouchesRequired: 1,
    requirePasskeyForCoordinators: false,
    retention: { rawReportsHours: 72, incidentLocationDays: 7, closedCasesDays: 180, auditDays: 365, careAddressDays: 30 },
    rapidResponse: {
      clusterRadiusMeters: 500,
      clusterWindowMinutes: 30,
      dispatchTimeoutSeconds: 180,
      publicAlertMap: false,
      hotlineNumber: null,
    },
    fundsApprovalThresholdMinor: 25_000,
    fundsAllowOverdraft: false,
    care: { careClaimTransferHours: 36, careClaimReleaseDays: 7 },
  };
}

/** Settings as stored, with defaults filled for fields added after the network was made. */
export function withDefaults(stored: Partial<Settings>): Settings {
  const d = defaultNetworkSettings();
  return {
    ...d,
    ...stored,
    retention: { ...d.retention, ...stored.retention },
    rapidResponse: { ...d.rapidResponse, ...stored.rapidResponse },
    care: { ...d.care, ...stored.care },
  };
}

/** Apply a partial update to settings. */
export function mergeSettings(current: Settings, patch: z.infer<typeof UpdateNetworkSettingsRequest>): Settings {
  return {
    languages: patch.languages ?? current.languages,
    vouchesRequired: patch.vouchesRequired ?? current.vouchesRequired,
    requirePasskeyForCoordinators: patch.requirePasskeyForCoordinators ?? current.requirePasskeyForCoordinators,
    retention: { ...current.retention, ...patch.retention },
    rapidResponse: { ...current.rapidResponse, ...patch.rapidResponse },
    fundsApprovalThresholdMinor: patch.fundsApprovalThresholdMinor ?? current.fundsApprovalThresholdMinor,
    fundsAllowOverdraft: patch.fundsAllowOverdraft ?? current.fundsAllowOverdraft,
    care: { ...current.care, ...patch.care },
  };
}
