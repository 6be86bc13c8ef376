import type { ReactNode } from 'react'

export function SectionHeading({ id, children, as: Tag = 'h2' }: { id?: string; children: ReactNode; as?: 'h1' | 'h2' }) {
  return (
    <Tag id={id} className="mb-2 border-b-2 border-accent pb-1 text-lg font-bold tracking-wide uppercase">
      {children}
    </Tag>
  )
}
