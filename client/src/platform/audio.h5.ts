import type { AudioAdapter } from './audio'

type AudioContextClass = typeof AudioContext
let context: AudioContext | undefined

function audioContext(): AudioContext | undefined {
  if (context !== undefined) return context
  const w = window as unknown as { AudioContext?: AudioContextClass; webkitAudioContext?: AudioContextClass }
  const Ctor = w.AudioContext ?? w.webkitAudioContext
  if (Ctor === undefined) return undefined
  context = new Ctor()
  return context
}

function tone(ctx: AudioContext, frequency: number, start: number, duration: number): void {
  const osc = ctx.createOscillator()
  const gain = ctx.createGain()
  osc.type = 'sine'
  osc.frequency.value = frequency
  // A quick attack and decay: a chime, not a click.
  gain.gain.setValueAtTime(0.0001, start)
  gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02)
  gain.gain.exponentialRampToValueAtTime(0.0001, start + duration)
  osc.connect(gain)
  gain.connect(ctx.destination)
  osc.start(start)
  osc.stop(start + duration + 0.02)
}

export const audio: AudioAdapter = {
  unlock() {
    try {
      const ctx = audioContext()
      if (ctx?.state === 'suspended') void ctx.resume()
    } catch {
      // no audio on this device
    }
  },
  beep() {
    try {
      const ctx = audioContext()
      if (ctx === undefined) return
      if (ctx.state === 'suspended') void ctx.resume()
      const t = ctx.currentTime + 0.01
      tone(ctx, 880, t, 0.15)
      tone(ctx, 1320, t + 0.18, 0.22)
    } catch {
      // no audio on this device
    }
  },
}
