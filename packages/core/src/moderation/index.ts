export { getPolicy } from './get-policy';
export { findConsent } from './find-consent';
export { createReport, type ReportTarget, type Reporter } from './create-report';
export { takeDown } from './take-down';
export { dismissReport, restoreCommunityItem, banFromCommunity } from './review';
export { findReportQueue } from './find-report-queue';
export { getModerationPreview } from './get-moderation-preview';
export { findModerationLog } from './find-moderation-log';
export { updateMaturePreference } from './update-mature-preference';
