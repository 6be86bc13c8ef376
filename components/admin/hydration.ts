'use client'

import { type RefObject, useLayoutEffect, useSyncExternalStore } from 'react'

/*
 * The newsroom's forms that work only with their scripts (the article and page editors, the
 * import form, signing in and out) are drawn by the server first. On a cheap phone seconds can
 * pass before those scripts run, and what a person does meanwhile must not be lost.
 */

const subscribeNever = () => () => {}

/**
 * False in the server's HTML and while the page hydrates, true from then on. A button that does
 * its work in script is disabled until then: a tap before would do nothing, or submit the form
 * the browser's way (a GET with every field in the address) and reload it without the typing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  )
}

type Control = HTMLInputElement | HTMLTextAreaElement

/**
 * Keeps what a person typed into a controlled field before the page hydrated.
 *
 * The server draws the form and a person can type into it before its scripts have run (a cheap
 * phone, a slow network). React hydrates without touching that text, but its state still holds
 * the server's value, and at the form's next render it writes that value back into the field:
 * a headline typed while the editor loaded vanished at the first keystroke in the body, and the
 * save sent the old one. Once, right after hydration and before the browser paints, `adopt`
 * gets the field's value (a checkbox: whether it is ticked) when it differs from what was
 * rendered, to put into state as if it had been typed now. A field React created itself (after
 * a client navigation) always matches, so this does nothing there.
 */
export function useTypedBeforeHydration<T extends string | boolean>(ref: RefObject<Control | null>, rendered: T, adopt: (typed: T) => void): void {
  useLayoutEffect(() => {
    const field = ref.current
    if (!field) return
    const typed = (typeof rendered === 'boolean' ? (field as HTMLInputElement).checked : field.value) as T
    if (typed !== rendered) adopt(typed)
    // Once, at hydration: every later difference is a render of React's own.
  }, [])
}
