/** A value that survives JSON.stringify/parse unchanged: what job payloads and events may hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
