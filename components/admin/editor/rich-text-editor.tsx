'use client'

import { Extension } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react'
import { type KeyboardEvent, useMemo, useRef, useState } from 'react'
import { cleanPastedHtml } from '@/lib/html/clean-pasted'
import { embedHtml, parseEmbedUrl } from '@/lib/html/embeds'
import { t } from '@/lib/i18n/id'
import { mediaPath } from '@/lib/urls'
import { editorExtensions } from './extensions'
import { LinkForm, type LinkDraft, linkDraftOf } from './link-form'
import { type MediaItem, MediaPicker } from './media-picker'

const w = t.admin.articles.toolbar

/** The width of the stored variant used inside article bodies (lib/media/sizes.ts). */
const BODY_IMAGE_WIDTH = 960

function promptEmbed(editor: Editor) {
  const input = window.prompt(w.embedPrompt)
  if (input === null || !input.trim()) return
  const embed = parseEmbedUrl(input)
  if (!embed) {
    window.alert(w.embedInvalid)
    return
  }
  if (embed.kind === 'youtube') editor.chain().focus().insertEmbed({ src: embed.src, title: w.youtubeTitle }).run()
  // A paragraph after the quote, so typing continues below it rather than inside it.
  else editor.chain().focus().insertContent(`${embedHtml(embed, w)}<p></p>`).run()
}

/** Ctrl/Cmd+K opens the link form, next to TipTap's own shortcuts (bold, italic, headings, lists, quote). */
function linkShortcut(open: { current: (editor: Editor) => void }) {
  return Extension.create({
    name: 'linkShortcut',
    addKeyboardShortcuts() {
      return {
        'Mod-k': () => {
          open.current(this.editor)
          return true
        },
      }
    },
  })
}

// Stroke icons drawn inline: emoji glyphs are missing from many Android and Linux fonts.
const ICONS: Record<string, string> = {
  link: 'M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1',
  bullet: 'M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01',
  ordered: 'M10 6h10M10 12h10M10 18h10M4 4v4M3 8h2M3 14h2l-2 3h2',
  quote: 'M7 7H4v5h3l-1 4M17 7h-3v5h3l-1 4',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15 9h.01',
  embed: 'M3 6h18v12H3zM10 9l5 3-5 3z',
  undo: 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3',
  redo: 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3',
}

function Icon({ name }: { name: string }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="mx-auto">
      <path d={ICONS[name]} />
    </svg>
  )
}

type ToolbarButton = {
  key: string
  label: string
  text: string
  icon?: string
  run: (editor: Editor) => void
  isActive?: (editor: Editor) => boolean
}

const BUTTONS: ToolbarButton[] = [
  { key: 'p', label: w.paragraph, text: '¶', run: (e) => e.chain().focus().setParagraph().run(), isActive: (e) => e.isActive('paragraph') },
  { key: 'h2', label: w.h2, text: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), isActive: (e) => e.isActive('heading', { level: 2 }) },
  { key: 'h3', label: w.h3, text: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), isActive: (e) => e.isActive('heading', { level: 3 }) },
  { key: 'bold', label: w.bold, text: 'B', run: (e) => e.chain().focus().toggleBold().run(), isActive: (e) => e.isActive('bold') },
  { key: 'italic', label: w.italic, text: 'I', run: (e) => e.chain().focus().toggleItalic().run(), isActive: (e) => e.isActive('italic') },
  // Opens the link form; the component supplies run() (see allButtons).
  { key: 'link', label: w.link, text: '', icon: 'link', run: () => {}, isActive: (e) => e.isActive('link') },
  { key: 'bullet', label: w.bulletList, text: '', icon: 'bullet', run: (e) => e.chain().focus().toggleBulletList().run(), isActive: (e) => e.isActive('bulletList') },
  { key: 'ordered', label: w.orderedList, text: '', icon: 'ordered', run: (e) => e.chain().focus().toggleOrderedList().run(), isActive: (e) => e.isActive('orderedList') },
  { key: 'quote', label: w.quote, text: '', icon: 'quote', run: (e) => e.chain().focus().toggleBlockquote().run(), isActive: (e) => e.isActive('blockquote') },
  { key: 'embed', label: w.embed, text: '', icon: 'embed', run: promptEmbed },
  { key: 'undo', label: w.undo, text: '', icon: 'undo', run: (e) => e.chain().focus().undo().run() },
  { key: 'redo', label: w.redo, text: '', icon: 'redo', run: (e) => e.chain().focus().redo().run() },
]

/**
 * The body editor (TipTap): a toolbar with named buttons (one tab stop; arrow keys move
 * between buttons), the usual shortcuts, Word/Docs paste clean-up, images from the media
 * library with captions, and embeds by URL. It writes its HTML into a hidden input named
 * `name`, so the surrounding form posts it; the server cleans and sanitizes it again.
 */
export function RichTextEditor({
  name,
  labelId,
  initialHtml,
  onChange,
  errorId,
}: {
  name: string
  /** id of the visible label element; the editable area is labelled by it. */
  labelId: string
  initialHtml: string
  onChange?: () => void
  /** id of the error shown under the editor, when the server refused the text. */
  errorId?: string
}) {
  const [html, setHtml] = useState(initialHtml)
  const [pickerOpen, setPickerOpen] = useState(false)
  const [focusIndex, setFocusIndex] = useState(0)
  const [linkDraft, setLinkDraft] = useState<LinkDraft | null>(null)
  const toolbarRef = useRef<HTMLDivElement>(null)
  // A fresh form (its own state) on every opening, also while one is open.
  const [linkFormKey, setLinkFormKey] = useState(0)
  const openLinkForm = useRef((e: Editor) => {
    setLinkDraft(linkDraftOf(e))
    setLinkFormKey((k) => k + 1)
  })
  const extensions = useMemo(() => [...editorExtensions(), linkShortcut(openLinkForm)], [])

  const editor = useEditor({
    extensions,
    content: initialHtml,
    // Rendered on the server as an empty shell; the editor mounts in the browser.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        'aria-labelledby': labelId,
        'aria-multiline': 'true',
        role: 'textbox',
        'aria-describedby': errorId ? `${labelId}-shortcuts ${errorId}` : `${labelId}-shortcuts`,
        'aria-invalid': errorId ? 'true' : 'false',
        class:
          'prose prose-neutral dark:prose-invert max-w-none min-h-72 rounded-b-md border border-edge bg-field px-3 py-2 font-serif text-base focus:outline-none focus-visible:outline-3 focus-visible:outline-accent',
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onUpdate: ({ editor: e }) => {
      setHtml(e.getHTML())
      onChange?.()
    },
  })

  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? Object.fromEntries(BUTTONS.map((b) => [b.key, b.isActive?.(e) ?? false])) : {}),
  })

  const allButtons: ToolbarButton[] = [
    ...BUTTONS.slice(0, 9).map((b) => (b.key === 'link' ? { ...b, run: (e: Editor) => openLinkForm.current(e) } : b)),
    { key: 'image', label: w.image, text: '', icon: 'image', run: () => setPickerOpen(true) },
    ...BUTTONS.slice(9),
  ]

  function onToolbarKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }
    let next: number | null = null
    if (event.key in keys) next = (focusIndex + keys[event.key]! + allButtons.length) % allButtons.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = allButtons.length - 1
    if (next === null) return
    event.preventDefault()
    setFocusIndex(next)
    toolbarRef.current?.querySelectorAll<HTMLButtonElement>('button')[next]?.focus()
  }

  function insertImage(item: MediaItem) {
    setPickerOpen(false)
    editor
      ?.chain()
      .focus()
      .insertFigure({ src: mediaPath(item.storageKey, BODY_IMAGE_WIDTH), alt: item.alt, caption: item.caption })
      .run()
  }

  return (
    <div>
      <div
        ref={toolbarRef}
        role="toolbar"
        aria-label={w.label}
        aria-controls={`${labelId}-area`}
        onKeyDown={onToolbarKeyDown}
        className="sticky top-0 z-10 flex flex-wrap gap-1 rounded-t-md border border-b-0 border-edge bg-subtle p-1"
      >
        {allButtons.map((b, i) => (
          <button
            key={b.key}
            type="button"
            aria-label={b.label}
            title={b.label}
            aria-pressed={b.isActive ? Boolean(active?.[b.key]) : undefined}
            tabIndex={i === focusIndex ? 0 : -1}
            onFocus={() => setFocusIndex(i)}
            disabled={!editor}
            // A click leaves the focus in the text. Had the button taken it, the editor would put
            // the caret back only on the next frame, and on a busy phone the first letter typed
            // after "H2" went to the button instead of the story.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setFocusIndex(i)
              if (editor) b.run(editor)
            }}
            className="min-h-11 min-w-11 rounded px-2 font-semibold hover:bg-paper aria-pressed:bg-brand-700 aria-pressed:text-white disabled:opacity-50"
          >
            {b.icon ? <Icon name={b.icon} /> : <span aria-hidden="true" className={b.key === 'italic' ? 'font-serif italic' : undefined}>{b.text}</span>}
          </button>
        ))}
      </div>
      {linkDraft && editor ? <LinkForm key={linkFormKey} editor={editor} idPrefix={labelId} draft={linkDraft} onClose={() => setLinkDraft(null)} /> : null}
      <div id={`${labelId}-area`}>
        <EditorContent editor={editor} />
      </div>
      <p id={`${labelId}-shortcuts`} className="mt-1 text-xs text-muted">
        {w.shortcuts}
      </p>
      <input type="hidden" name={name} value={html} />
      {pickerOpen ? <MediaPicker onPick={insertImage} onClose={() => setPickerOpen(false)} /> : null}
    </div>
  )
}
