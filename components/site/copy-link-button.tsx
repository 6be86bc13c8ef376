'use client'

import { useState } from 'react'

/** Copies the article's link, or shows it to copy by hand where the clipboard is refused. */
export function CopyLinkButton({ url, label, copiedLabel }: { url: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="inline-flex min-h-11 items-center rounded-md border border-edge px-3 text-sm font-semibold hover:bg-subtle"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(url)
          setCopied(true)
          setTimeout(() => setCopied(false), 2500)
        } catch {
          window.prompt(label, url)
        }
      }}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  )
}
