import { Writer } from 'mustache';

/** A webhook message is JSON data, not HTML: values are written as they are. */
const NO_ESCAPING = { escape: (value: unknown) => String(value) };

// A writer per call: the module-wide writer caches every template it ever parsed, and templates
// come from users (every save is checked), so that cache would only grow.

/** The Mustache render of `template` over `view`; a missing key renders as nothing. */
export function renderMessage(template: string, view: Record<string, unknown>): string {
  return new Writer().render(template, view, {}, NO_ESCAPING);
}

/** Why `template` is not valid Mustache (an unclosed tag or section), or null. */
export function templateProblem(template: string): string | null {
  try {
    new Writer().parse(template);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
