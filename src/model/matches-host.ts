/**
 * Whether `hostname` is `name` or one of its subdomains (`n.sinaimg.cn` matches `sinaimg.cn`; `xsinaimg.cn`
 * does not). Both are compared as given: callers pass lowercase host names without a port.
 */
export function matchesHost(hostname: string, name: string): boolean {
  return hostname === name || hostname.endsWith(`.${name}`);
}
