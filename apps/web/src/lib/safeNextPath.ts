/**
 * Where to go after sign-in. Only paths on this site are followed, so a crafted
 * `/sign-in?next=https://evil.example` (or `//evil.example`) cannot send a teacher elsewhere.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === '/sign-in' || next.startsWith('/sign-in?') || next.startsWith('/sign-in/')) return '/';
  return next;
}
