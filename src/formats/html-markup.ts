/**
 * HTML that is safe by construction: the `html` template escapes every value it is given
 * unless the value is already `Markup` built the same way. Item text can then never become
 * markup by accident, however it is spelled. Values only ever go into element content or
 * quoted attribute values, never into URLs, styles or scripts.
 */

/** A piece of HTML known to be safe (built by `html`, or a trusted constant via `trusted`). */
export class Markup {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export type Interpolation = string | number | Markup | readonly Interpolation[] | undefined | null | false;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: `& < > " '` become entities, fit for content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

/** Build markup; interpolated strings and numbers are escaped, arrays joined, empty values dropped. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** Constant markup written in this code base (the style sheet), never data. */
export function trusted(text: string): Markup {
  return new Markup(text);
}

function render(value: Interpolation): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
