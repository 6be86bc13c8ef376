'use client'

import { Component, type ReactNode } from 'react'

/**
 * Around the 404 status signal of components/site/not-found-page.tsx: in the browser, the
 * boundary's content is the notFound() error the server rendered there. It is caught here and
 * nothing is drawn, so the 404 page the server sent stays as it is instead of being replaced by
 * app/(site)/not-found.tsx. Its children render nothing in any case, so no error of theirs can
 * hide anything a reader needs.
 */
export class NotFoundStatusBoundary extends Component<{ children: ReactNode }, { caught: boolean }> {
  state = { caught: false }

  static getDerivedStateFromError() {
    return { caught: true }
  }

  render() {
    return this.state.caught ? null : this.props.children
  }
}
