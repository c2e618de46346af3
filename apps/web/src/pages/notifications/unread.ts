// The header's unread count is asked again when the inbox changes it (urql's cache cannot know:
// the count is a plain number).
import { createSignal } from 'solid-js';

const [generation, setGeneration] = createSignal(0);
export const unreadGeneration = generation;
export const unreadChanged = (): void => void setGeneration((value) => value + 1);
