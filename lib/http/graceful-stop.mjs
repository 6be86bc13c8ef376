/**
 * Stopping an HTTP server without cutting off what it has begun (server.mjs; README, "Stopping,
 * restarting and deploying"; ADR 022). A deploy, `systemctl restart` or Ctrl+C sends SIGTERM or
 * SIGINT; a server that exited at once would drop every request in flight: a reporter's save whose
 * answer never comes, a reader's page cut off, a photo upload lost halfway.
 *
 * `trackRequests(server)` counts the server's requests from the moment they arrive until their
 * response is finished or their connection is gone. `stop(graceMs)` then:
 * - makes every answer not yet begun, and every request that still arrives, close its connection
 *   after the answer;
 * - reads what has already arrived, then stops listening, so new connections are refused (a
 *   balancer or a client tries elsewhere), and closes the kept-alive connections that are idle;
 * - resolves `drained` once no request is in flight, or `cut` after `graceMs`, closing every
 *   connection still open, so a request that never ends (a client that stopped sending) cannot hold
 *   a stop for ever.
 *
 * Plain JavaScript: server.mjs imports it without a TypeScript loader.
 */

/**
 * @param {import('node:http').Server} server
 */
export function trackRequests(server) {
  /** Responses not finished yet. @type {Set<import('node:http').ServerResponse>} */
  const open = new Set()
  /** @type {{ promise: Promise<'drained' | 'cut'>, resolve: (outcome: 'drained' | 'cut') => void, listening: boolean } | null} */
  let stopping = null

  // Before the application's own listener, so that even an answer it ends at once is counted.
  server.prependListener('request', (req, res) => {
    open.add(res)
    if (stopping) res.shouldKeepAlive = false
    res.once('close', () => {
      open.delete(res)
      if (stopping && !stopping.listening && open.size === 0) stopping.resolve('drained')
    })
  })

  return {
    /** Requests in flight now. */
    get inFlight() {
      return open.size
    },
    /**
     * Stops taking connections and waits at most `graceMs` for the requests in flight. Called again,
     * returns the same promise.
     * @param {number} graceMs
     * @returns {Promise<'drained' | 'cut'>}
     */
    stop(graceMs) {
      if (stopping) return stopping.promise
      /** @type {(outcome: 'drained' | 'cut') => void} */
      let resolve = () => {}
      /** @type {Promise<'drained' | 'cut'>} */
      const promise = new Promise((r) => (resolve = r))
      stopping = { promise, resolve, listening: true }
      const timer = setTimeout(() => resolve('cut'), graceMs)
      promise.then(() => {
        clearTimeout(timer)
        server.closeAllConnections()
      })
      for (const res of open) {
        if (!res.headersSent) res.shouldKeepAlive = false
      }
      // Requests a busy process has received but not read yet (a render held the loop when they
      // came) are read first: the loop's next two turns poll every connection, and each request
      // found joins those in flight. Only then does the server stop listening, which closes the
      // connections left idle; closed at once, it would reset a request already sent.
      setImmediate(() =>
        setImmediate(() => {
          const current = /** @type {NonNullable<typeof stopping>} */ (stopping)
          current.listening = false
          server.close()
          server.closeIdleConnections()
          if (open.size === 0) resolve('drained')
        }),
      )
      return promise
    },
  }
}
