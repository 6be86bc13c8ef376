// Types for the plain-JavaScript socket-folder helpers of server.mjs's cluster primary (socket-dir.mjs), for tests.
export function sweepSocketDirs(tmp?: string): string[]
export function makeSocketDir(tmp?: string): string
