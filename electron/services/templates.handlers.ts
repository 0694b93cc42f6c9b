import type { templateRequests } from '../../shared/contract/templates';
import type { HandlerMap } from './handler-types';
import { getTemplates, previewTemplate, resetTemplate, saveTemplate } from './templates';

export const templateHandlers: HandlerMap<typeof templateRequests> = {
  'templates.get': (ctx) => getTemplates(ctx),
  'templates.save': (ctx, { template, ...key }) => saveTemplate(ctx, key, template),
  'templates.reset': (ctx, key) => resetTemplate(ctx, key),
  'templates.preview': (ctx, { contactId, template, ...key }) => previewTemplate(ctx, contactId, key, template),
};
