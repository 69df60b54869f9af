/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'
declare module '*.sass'

/** Base URL of the BFF, injected by `defineConstants` (empty on h5: same origin). */
declare const API_BASE: string

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro at build time. */
    TARO_ENV: 'weapp' | 'h5'
    TARO_APP_ID?: string
    /** Overrides the BFF base URL baked into the build. */
    XD_API_BASE?: string
  }
}

declare module 'abortcontroller-polyfill/dist/cjs-ponyfill' {
  export const AbortController: typeof globalThis.AbortController
  export const AbortSignal: typeof globalThis.AbortSignal
}
