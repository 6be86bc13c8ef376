import { mergeAttributes, Node } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import Link from '@tiptap/extension-link'
import StarterKit from '@tiptap/starter-kit'

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figure: {
      /** An image with an editable caption below it. */
      insertFigure: (attrs: { src: string; alt: string; caption?: string }) => ReturnType
    }
    embed: {
      /** A player iframe (YouTube) in a figure. */
      insertEmbed: (attrs: { src: string; title: string }) => ReturnType
    }
  }
}

/**
 * <figure><img><figcaption>…</figcaption></figure>: an image with a caption the writer types
 * in place. The caption is the node's content, so it is ordinary editable text.
 */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  content: 'inline*',
  marks: 'bold italic link',
  draggable: true,
  isolating: true,
  defining: true,

  addAttributes() {
    return {
      src: { default: null },
      alt: { default: '' },
    }
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        contentElement: 'figcaption',
        getAttrs: (el) => {
          const img = (el as HTMLElement).querySelector('img')
          return img ? { src: img.getAttribute('src'), alt: img.getAttribute('alt') ?? '' } : false
        },
      },
    ]
  },

  renderHTML({ node }) {
    return ['figure', ['img', { src: node.attrs.src, alt: node.attrs.alt }], ['figcaption', 0]]
  },

  addCommands() {
    return {
      insertFigure:
        ({ src, alt, caption }) =>
        ({ commands }) =>
          // A paragraph after it, so the writer keeps typing below instead of replacing it.
          commands.insertContent([
            { type: this.name, attrs: { src, alt }, content: caption ? [{ type: 'text', text: caption }] : [] },
            { type: 'paragraph' },
          ]),
    }
  },
})

// The host allow-list is enforced by the sanitizer on save (lib/html/sanitize.ts, which is
// too heavy for the browser bundle); here any https player is shown while editing.
function isAllowedEmbedSrc(src: string | null): boolean {
  return typeof src === 'string' && src.startsWith('https://')
}

/** A player iframe from an allowed host, kept in a figure; shown in the editor as a framed box. */
export const Embed = Node.create({
  name: 'embed',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return {
      src: { default: null },
      title: { default: '' },
    }
  },

  parseHTML() {
    const fromIframe = (iframe: Element | null) => {
      const src = iframe?.getAttribute('src') ?? null
      return isAllowedEmbedSrc(src) ? { src, title: iframe?.getAttribute('title') ?? '' } : false
    }
    return [
      // Before Figure's rule: a figure holding a player is an embed, not an image.
      { tag: 'figure', priority: 60, getAttrs: (el) => fromIframe((el as HTMLElement).querySelector('iframe')) },
      { tag: 'iframe', getAttrs: (el) => fromIframe(el as HTMLElement) },
    ]
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'figure',
      [
        'iframe',
        mergeAttributes(HTMLAttributes, {
          width: '560',
          height: '315',
          allow: 'encrypted-media; picture-in-picture',
          allowfullscreen: 'true',
          loading: 'lazy',
        }),
      ],
    ]
  },

  addCommands() {
    return {
      insertEmbed:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent([{ type: this.name, attrs }, { type: 'paragraph' }]),
    }
  },
})

/**
 * A table, kept whole. The editor has no table editing, but stories carry tables (election
 * results, schedules; imported Blogger posts and pastes from spreadsheets), and a node the editor
 * did not know would be dropped on load and lost on the next save. So a table is one block the
 * writer can move or delete, its markup kept as it came (the sanitizer checks it on every save).
 */
export const Table = Node.create({
  name: 'table',
  group: 'block',
  atom: true,
  draggable: true,

  addAttributes() {
    return { html: { default: '', rendered: false } }
  },

  parseHTML() {
    return [{ tag: 'table', getAttrs: (el) => ({ html: (el as HTMLElement).outerHTML }) }]
  },

  renderHTML({ node }) {
    // Parsed in an inert <template>: nothing in it loads or runs until the editor shows it.
    const template = document.createElement('template')
    template.innerHTML = String(node.attrs.html)
    const table = template.content.firstElementChild
    return table instanceof HTMLTableElement ? table : ['table']
  },
})

/**
 * TipTap's link is inclusive whenever autolink is on, so a full stop typed at the end of a link
 * joined it. Text typed after a link stays outside it; a link grows only through the link form.
 */
const ExclusiveLink = Link.extend({ inclusive: false })

/** Everything the article and page editor understands; what it cannot represent is dropped on load. */
export function editorExtensions() {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3] },
      codeBlock: false,
      code: false,
      link: false,
    }),
    ExclusiveLink.configure({
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['http', 'https', 'mailto', 'tel'],
      // Plain links: the sanitizer adds rel where it is due (sponsored, new tab).
      HTMLAttributes: { target: null, rel: null },
      isAllowedUri: (url, ctx) => /^(https?:|mailto:|tel:|\/)/i.test(url) && ctx.defaultValidate(url),
    }),
    // Bare images (older and imported stories) survive editing; new ones go in figures.
    Image.configure({ inline: false, allowBase64: false }),
    Figure,
    Embed,
    Table,
  ]
}
