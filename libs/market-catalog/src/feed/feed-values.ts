import { FeedFormatError, FeedLocation } from './feed-format-error';

const DECIMAL_TEXT = /^[0-9]+(?:\.[0-9]+)?$/;
const COUNT_TEXT = /^(?:0|[1-9][0-9]*)$/;

/** A price as the decimal text it was written in (`"100"`, `"99.90"`); currency digits are checked later. */
export function readDecimalText(text: string, element: string, at: FeedLocation): string {
  if (!DECIMAL_TEXT.test(text)) {
    throw FeedFormatError.at(at, element, `${element} ${JSON.stringify(text)} is not a decimal`);
  }
  return text;
}

export function readCount(text: string, element: string, at: FeedLocation): number {
  const value = Number(text);
  if (!COUNT_TEXT.test(text) || !Number.isSafeInteger(value)) {
    throw FeedFormatError.at(at, element, `${element} ${JSON.stringify(text)} is not a whole number`);
  }
  return value;
}

const BOOLEANS = new Map([
  ['true', true],
  ['false', false],
  ['1', true],
  ['0', false],
]);

/** `true`/`false`/`1`/`0`. */
export function readBoolean(text: string, element: string, at: FeedLocation): boolean {
  const value = BOOLEANS.get(text);
  if (value === undefined) {
    throw FeedFormatError.at(at, element, `${element} ${JSON.stringify(text)} is not true, false, 1 or 0`);
  }
  return value;
}

/** `a|b|c`; empty parts are dropped. */
export function splitList(text: string): string[] {
  return text.split('|').filter((part) => part !== '');
}
