// What a form shows when a save fails: a message of its own, or the request's error.
import type { ErrorNotice } from '@gea/web-kit';

/** The request error ErrorNotice takes (urql's CombinedError), without depending on urql here. */
export type RequestError = NonNullable<Parameters<typeof ErrorNotice>[0]['error']>;
export type Failure = { message?: string; error?: RequestError } | undefined;
