/**
 * Which addresses may be a team server's, and the host permission one needs: small and free of the
 * service, so the dashboard asks for the permission without loading the sharing code.
 */

/**
 * Why `url` cannot be a team server's address, or undefined when it can: an https address, or plain http
 * only on this machine (credentials never cross a network in the clear); no user name or password in it.
 */
export function serverUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `“${url}” is not an address.`;
  }
  if (u.username || u.password)
    return 'Put the user name and password in their own fields, not in the address.';
  if (u.protocol === 'https:') return undefined;
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol === 'http:' && loopback) return undefined;
  return 'A team server must be reached over https (plain http only on this machine).';
}

/**
 * The host permission a server's address needs (`https://taxii.example/*`): its scheme and host, any port
 * (match patterns name no port in Firefox, and the optional permissions list hosts that way).
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}
