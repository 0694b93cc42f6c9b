import type { Migration } from '../migrate';
import { initial } from './0001-initial';

/** Every migration, in order. A new one gets the next number, its own file and its own test. */
export const migrations: readonly Migration[] = [initial];
