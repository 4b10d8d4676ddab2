export {
  buildReportModel,
  computeReportFunnel,
  loadReportModel,
  DEFAULT_REPORT_EVENT_LIMIT,
  type ReportEvent,
  type ReportEvidence,
  type ReportFunnel,
  type ReportLane,
  type ReportModel,
  type ReportOptions,
  type ReportRecipient,
  type ReportRecipientPlatform,
  type ReportSources,
} from './model';
export { renderDeliveryReport, funnelLine } from './render';
export { resolveReportOut, writeReportFile } from './write';
