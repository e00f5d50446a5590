import Mustache from 'mustache';

/** A webhook message is JSON data, not HTML: values are written as they are. */
const NO_ESCAPING = { escape: (value: unknown) => String(value) };

/** The Mustache render of `template` over `view`; a missing key renders as nothing. */
export function renderMessage(template: string, view: Record<string, unknown>): string {
  return Mustache.render(template, view, {}, NO_ESCAPING);
}

/** Why `template` is not valid Mustache (an unclosed tag or section), or null. */
export function templateProblem(template: string): string | null {
  try {
    Mustache.parse(template);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
