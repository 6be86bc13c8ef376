// Types for the plain-JavaScript page query rules (page-query.mjs).
export function paramName(pair: string): string
export function isTrackingParam(name: string): boolean
export function withoutTrackingParams(url: string): string
export const SEARCH_PATHS: ReadonlySet<string>
export function isNewsroomPath(pathname: string): boolean
export function pageSearch(pathname: string, search: string): string
