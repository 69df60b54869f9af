/**
 * Sounds the staff board makes: a short generated beep for a new order (WebAudio on h5, a vibration on
 * weapp). Browsers only let a page make sound after a user gesture, so `unlock` is called from a tap.
 */
import { unavailable } from './unavailable'

export interface AudioAdapter {
  /** Call from a tap (sign-in, any button): lets later beeps sound. */
  unlock(): void
  /** A short two-tone chime. Never throws; a muted device stays silent. */
  beep(): void
}

export const audio: AudioAdapter = {
  unlock: () => unavailable('audio'),
  beep: () => unavailable('audio'),
}
