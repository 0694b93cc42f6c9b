import type { RequestOutput, ValidInput } from '../../shared/contract';
import type { PageReading } from '../../shared/model/return-forms';
import type { ServiceContext } from './context';

// WORK IN PROGRESS (issue 18): filled in before this is committed on main.
export function proposeForPages(_ctx: ServiceContext, _pages: PageReading[]): RequestOutput<'returnForms.propose'> {
  throw new Error('not yet');
}
export function checkTypedCode(_ctx: ServiceContext, _code: string): RequestOutput<'returnForms.checkCode'> {
  throw new Error('not yet');
}
export function recordReturnedForm(_ctx: ServiceContext, _input: ValidInput<'returnForms.record'>): RequestOutput<'returnForms.record'> {
  throw new Error('not yet');
}
