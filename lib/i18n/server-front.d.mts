// Types for the plain-JavaScript dictionary section (server-front.mjs).
export const serverFront: Readonly<{ restarting: string }>
