'use client'

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { suggestLabels } from '@/app/(admin)/admin/artikel/actions'
import { t } from '@/lib/i18n/id'
import { slugify } from '@/lib/urls'
import { inputClass } from '../field'
import { useHydrated, useTypedBeforeHydration } from '../hydration'

const w = t.admin.articles.labelPicker
const MAX_LABELS = 10

type Suggestion = { id: number; name: string; slug: string }

/**
 * Labels as removable chips plus a combobox that suggests existing labels as you type.
 * Enter adds the highlighted suggestion, or the typed name as a new label (created on save).
 * Posts one hidden `labels` field per label, in order; the first is the story's section.
 */
export function LabelPicker({
  initial,
  errors,
  hint,
  label,
  onChange,
}: {
  initial: string[]
  errors?: string[]
  hint: string
  label: string
  onChange?: () => void
}) {
  const [names, setNames] = useState(initial)
  const [query, setQuery] = useState('')
  const hydrated = useHydrated()
  const queryRef = useRef<HTMLInputElement>(null)
  useTypedBeforeHydration(queryRef, query, setQuery)
  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [active, setActive] = useState(-1)
  const id = useId()
  const listId = `${id}-list`
  const inputId = `${id}-input`

  useEffect(() => {
    const q = query.trim()
    if (!q) {
      setSuggestions([])
      return
    }
    let cancelled = false
    const timer = setTimeout(async () => {
      const result = await suggestLabels(null, { q })
      if (!cancelled && result.ok) {
        const taken = new Set(names.map((n) => slugify(n)))
        setSuggestions((result.data ?? []).filter((s) => !taken.has(s.slug)))
        setActive(-1)
      }
    }, 200)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [query, names])

  function add(name: string) {
    const clean = name.trim().replace(/\s+/g, ' ')
    if (!clean || names.length >= MAX_LABELS || names.some((n) => slugify(n) === slugify(clean))) {
      setQuery('')
      return
    }
    setNames([...names, clean])
    setQuery('')
    setSuggestions([])
    onChange?.()
  }

  function remove(index: number) {
    setNames(names.filter((_, i) => i !== index))
    onChange?.()
  }

  const typedIsNew = query.trim() !== '' && !suggestions.some((s) => slugify(s.name) === slugify(query))
  const options = [...suggestions.map((s) => ({ key: `s${s.id}`, name: s.name, text: s.name })), ...(typedIsNew ? [{ key: 'new', name: query.trim(), text: w.create(query.trim()) }] : [])]

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && options.length) {
      event.preventDefault()
      setActive((active + 1) % options.length)
    } else if (event.key === 'ArrowUp' && options.length) {
      event.preventDefault()
      setActive((active - 1 + options.length) % options.length)
    } else if (event.key === 'Enter') {
      // Never submit the article form from here.
      event.preventDefault()
      add(active >= 0 && options[active] ? options[active].name : query)
    } else if (event.key === 'Escape') {
      setSuggestions([])
      setActive(-1)
    } else if (event.key === 'Backspace' && query === '' && names.length) {
      remove(names.length - 1)
    }
  }

  const errorId = errors?.length ? `${id}-error` : undefined
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block font-semibold">
        {label}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {hint}
      </p>
      {names.length ? (
        <ul className="flex flex-wrap gap-2" aria-label={label}>
          {names.map((name, i) => (
            <li key={slugify(name)} className="inline-flex items-center gap-1 rounded-full bg-subtle pl-3 text-sm font-semibold">
              {name}
              {i === 0 ? <span className="text-xs font-normal text-muted">({w.first})</span> : null}
              <button type="button" disabled={!hydrated} onClick={() => remove(i)} aria-label={w.remove(name)} className="min-h-11 min-w-11 rounded-full hover:bg-paper">
                <span aria-hidden="true">×</span>
              </button>
              <input type="hidden" name="labels" value={name} />
            </li>
          ))}
        </ul>
      ) : null}
      <div className="relative">
        <input
          ref={queryRef}
          id={inputId}
          type="text"
          role="combobox"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(' ')}
          aria-invalid={Boolean(errors?.length)}
          value={query}
          maxLength={60}
          autoComplete="off"
          placeholder={w.input}
          disabled={names.length >= MAX_LABELS}
          onChange={(e) => {
            e.stopPropagation()
            setQuery(e.target.value)
          }}
          onKeyDown={onKeyDown}
          className={inputClass}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label={w.suggestions}
          hidden={options.length === 0}
          className="absolute z-20 mt-1 w-full overflow-hidden rounded-md border border-edge bg-paper shadow-lg"
        >
          {options.map((o, i) => (
            <li
              key={o.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault()
                add(o.name)
              }}
              className="min-h-11 cursor-pointer content-center px-3 py-2 aria-selected:bg-brand-700 aria-selected:text-white hover:bg-subtle"
            >
              {o.text}
            </li>
          ))}
        </ul>
      </div>
      {errorId ? (
        <p id={errorId} className="text-sm font-semibold text-accent">
          {errors!.join(' ')}
        </p>
      ) : null}
    </div>
  )
}
