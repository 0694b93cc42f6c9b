import type { reportRequests } from '../../shared/contract/report';
import { localToday } from '../../shared/local-date';
import type { HandlerMap } from './handler-types';
import { accountabilityReport, accountabilityReportPdf } from './report';

export const reportHandlers: HandlerMap<typeof reportRequests> = {
  'report.get': (ctx, { date }) => accountabilityReport(ctx, date ?? localToday()),
  'report.pdf': async (ctx, { date }) => {
    const { fileName, data } = await accountabilityReportPdf(ctx, date ?? localToday());
    return { fileName, data };
  },
};
