/** The one serializer for every generated file: 2-space JSON, LF, trailing newline. */
export function serializeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
