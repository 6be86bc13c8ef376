'use client'

import type { Editor } from '@tiptap/react'
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { t } from '@/lib/i18n/id'
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from '../field'
import { parseLinkAddress } from './link-address'

const w = t.admin.articles.linkForm

export type LinkDraft = { href: string; newTab: boolean; editing: boolean }

/** What the link form opens with: the link under the cursor, if any. */
export function linkDraftOf(editor: Editor): LinkDraft {
  const attrs = editor.getAttributes('link') as { href?: string; target?: string | null }
  return { href: attrs.href ?? '', newTab: attrs.target === '_blank', editing: Boolean(attrs.href) }
}

/**
 * The link tool: an inline group under the toolbar, not the browser's prompt box. It is not a
 * <form> (it sits inside the article form): Enter applies, Escape cancels, and focus returns
 * to the text either way. Applying leaves the cursor after the link, outside it.
 */
export function LinkForm({ editor, idPrefix, draft, onClose }: { editor: Editor; idPrefix: string; draft: LinkDraft; onClose: () => void }) {
  const [href, setHref] = useState(draft.href)
  const [newTab, setNewTab] = useState(draft.newTab)
  const [error, setError] = useState<string | null>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const headingId = `${idPrefix}-link-title`

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  function close() {
    onClose()
    editor.commands.focus()
  }

  function apply() {
    const parsed = parseLinkAddress(href)
    if (!parsed.ok) {
      setError(parsed.reason === 'empty' ? w.required : w.invalid)
      inputRef.current?.focus()
      return
    }
    const attrs = { href: parsed.href, target: newTab ? '_blank' : null }
    const { empty } = editor.state.selection
    if (empty && !editor.isActive('link')) {
      // Nothing selected: the address itself becomes the link text.
      editor
        .chain()
        .focus()
        .insertContent({ type: 'text', text: parsed.href, marks: [{ type: 'link', attrs }] })
        .unsetMark('link')
        .run()
    } else {
      editor.chain().focus().extendMarkRange('link').setLink(attrs).run()
      // Continue typing after the link: with the link mark not inclusive, that text stays outside.
      editor.commands.setTextSelection(editor.state.selection.to)
    }
    onClose()
  }

  function remove() {
    editor.chain().focus().extendMarkRange('link').unsetLink().run()
    onClose()
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      close()
    } else if (event.key === 'Enter' && event.target instanceof HTMLInputElement) {
      // Never submit the article form from here.
      event.preventDefault()
      apply()
    }
  }

  return (
    <div role="group" aria-labelledby={headingId} onKeyDown={onKeyDown} className="space-y-3 border border-b-0 border-edge bg-paper p-3">
      <p id={headingId} className="font-semibold">
        {w.title}
      </p>
      <Field name="link-href" id={`${idPrefix}-link-href`} label={w.address} hint={w.addressHint} errors={error ? [error] : undefined}>
        {(a11y) => (
          <input
            ref={inputRef}
            type="text"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={href}
            onChange={(e) => {
              // Not a change to the article until applied: keep the form's dirty marker out of it.
              e.stopPropagation()
              setHref(e.target.value)
              setError(null)
            }}
            className={inputClass}
            {...a11y}
          />
        )}
      </Field>
      <label className="flex min-h-11 items-center gap-3">
        <input type="checkbox" checked={newTab} onChange={(e) => {
            e.stopPropagation()
            setNewTab(e.target.checked)
          }} className="size-5" />
        {w.newTab}
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={primaryButtonClass} onClick={apply}>
          {w.apply}
        </button>
        {draft.editing ? (
          <button type="button" className={secondaryButtonClass} onClick={remove}>
            {w.remove}
          </button>
        ) : null}
        <button type="button" className={secondaryButtonClass} onClick={close}>
          {w.cancel}
        </button>
      </div>
    </div>
  )
}
