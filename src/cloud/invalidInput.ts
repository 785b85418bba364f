import type { JsonErrorPosition } from './jsonErrorPosition';

/** Bad input, caught before anything is sent; the message says what and where. */
export class InvalidInputError extends Error {
  constructor(message: string, readonly position?: JsonErrorPosition) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
