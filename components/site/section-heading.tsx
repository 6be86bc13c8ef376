import type { ReactNode } from 'react'

export function SectionHeading({ id, children, as: Tag = 'h2' }: { id?: string; children: ReactNode; as?: 'h1' | 'h2' }) {
  return (
    <Tag id={id} className="section-title">
      {children}
    </Tag>
  )
}
